// GET /api/v1/bots/{username}/notification-stats (issue 10 point 8): the bot's owner sees how
// its notifications fare per channel and its dead letters. The owner check is the bot routes'
// own (src/bots/routes.ts mounts this handler behind it); the numbers come from stats.ts.
import type { Context } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { open } from "../platform/d1.ts";
import { notificationStats } from "./stats.ts";
import { HttpError } from "../platform/errors.ts";
import { botConfigJson } from "./store.ts";
import { parseConfig } from "./plan.ts";

/** Answers the statistics of `bot`, whose ownership the caller has already checked. */
export async function notificationStatsResponse(c: Context<AppEnv>, bot: number): Promise<Response> {
  return c.json(await notificationStats(open(c.env.DB), bot));
}

/**
 * A bot's planning settings (N, K1, K2, deadlines and timeouts per importance): GET answers the
 * effective ones (the defaults with the bot's override), PUT `{config}` stores an override
 * (validated and bounded by plan.ts's parseConfig; `null` returns to the defaults).
 */
export async function notificationConfigResponse(c: Context<AppEnv>, bot: number): Promise<Response> {
  const db = open(c.env.DB);
  if (c.req.method === "PUT") {
    let body: { config?: unknown };
    try {
      body = (await c.req.json()) as { config?: unknown };
    } catch {
      throw new HttpError(400, "bad_request", "the body must be JSON");
    }
    if (body === null || typeof body !== "object" || !("config" in body)) throw new HttpError(400, "bad_request", "config: required (an override, or null for the defaults)");
    if (body.config === null) await db.$client.prepare("delete from notify_config where bot = ?").bind(bot).run();
    else {
      const parsed = parseConfig(body.config);
      if (!parsed.ok) throw new HttpError(400, "bad_request", `config: ${parsed.reason}`);
      await db.$client.prepare("insert into notify_config (bot, config) values (?1, ?2) on conflict (bot) do update set config = excluded.config").bind(bot, JSON.stringify(body.config)).run();
    }
  }
  const parsed = parseConfig(await botConfigJson(db, bot));
  return c.json({ config: parsed.ok ? parsed.config : null });
}
