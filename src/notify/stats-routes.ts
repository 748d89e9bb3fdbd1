// GET /api/v1/bots/{username}/notification-stats (issue 10 point 8): the bot's owner sees how
// its notifications fare per channel and its dead letters. The owner check is the bot routes'
// own (src/bots/routes.ts mounts this handler behind it); the numbers come from stats.ts.
import type { Context } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { open } from "../platform/d1.ts";
import { notificationStats } from "./stats.ts";

/** Answers the statistics of `bot`, whose ownership the caller has already checked. */
export async function notificationStatsResponse(c: Context<AppEnv>, bot: number): Promise<Response> {
  return c.json(await notificationStats(open(c.env.DB), bot));
}
