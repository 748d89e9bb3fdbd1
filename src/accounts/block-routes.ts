// One user blocks another: the blocked one's new messages in their private chat are refused
// (the ChatActor keeps the fact, told here; D1 keeps it for chats opened later and for friend
// requests), and he cannot send the blocker friend requests. Bots are blocked with
// /bots/{username}/block.
import { Hono, type Context } from "hono";
import { privateChatKey } from "../chat/chat-ids.ts";
import { open } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import { parse, positiveId } from "../platform/validate.ts";
import * as blocks from "./blocks.ts";
import { findUsers } from "./queries.ts";
import type { AppEnv } from "./session.ts";
import { recordEvent } from "../profiles/jobs.ts";

async function otherUser(c: Context<AppEnv>) {
  const me = c.get("user");
  const userId = parse(positiveId, c.req.param("userId"));
  if (userId === me.id) throw new HttpError(400, "bad_request", "userId: you cannot block yourself");
  const [other] = await findUsers(open(c.env.DB), [userId]);
  if (!other) throw new HttpError(404, "user_not_found", "no user with that id");
  if (other.isBot) throw new HttpError(400, "is_bot", "that is a bot: block it with POST /api/v1/bots/{username}/block");
  return { me, other };
}

export const blockRoutes = new Hono<AppEnv>()
  .post("/:userId/block", async (c) => {
    const { me, other } = await otherUser(c);
    await blocks.block(open(c.env.DB), me.id, other.id);
    await c.env.CHATS.getByName(privateChatKey(me.id, other.id)).setPeerBlocked(me.id, true);
    await recordEvent(c.env, { type: "blocked", userId: me.id, peer: other.id });
    return c.json({ ok: true, blocked: true });
  })
  .post("/:userId/unblock", async (c) => {
    const { me, other } = await otherUser(c);
    await blocks.unblock(open(c.env.DB), me.id, other.id);
    await c.env.CHATS.getByName(privateChatKey(me.id, other.id)).setPeerBlocked(me.id, false);
    await recordEvent(c.env, { type: "unblocked", userId: me.id, peer: other.id });
    return c.json({ ok: true, blocked: false });
  })
  .get("/:userId/block", async (c) => {
    const { me, other } = await otherUser(c);
    return c.json({ blocked: await blocks.hasBlocked(open(c.env.DB), me.id, other.id) });
  });
