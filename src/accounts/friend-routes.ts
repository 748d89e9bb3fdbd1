import { Hono } from "hono";
import { z } from "zod";
import { privateChatKey } from "../chat/chat-ids.ts";
import { findByHandle, findUsers, type PublicUser } from "./queries.ts";
import { open } from "../platform/d1.ts";
import * as friends from "./friends.ts";
import { hasBlocked } from "./blocks.ts";
import { spendOrRefuse, userSubject } from "./quotas.ts";
import type { Env } from "../env.ts";
import { HttpError } from "../platform/errors.ts";
import type { AppEnv } from "./session.ts";
import { body, parse, positiveId } from "../platform/validate.ts";
import { recordEvent } from "../profiles/jobs.ts";

const requestBody = z.object({ handle: z.string().min(1).max(64) });

/** Friends can chat privately: the private chat opens when a friendship is accepted (and takes messages again after an unfriending). */
async function openPrivateChat(env: Env, a: PublicUser, b: PublicUser): Promise<void> {
  const key = privateChatKey(a.id, b.id);
  const chat = env.CHATS.getByName(key);
  await chat.openPrivate(key, a, b);
  await chat.setFriends(true);
}

export const friendRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ friends: await friends.friendsOf(open(c.env.DB), c.get("user").id) }))
  .get("/requests", async (c) => c.json(await friends.pendingOf(open(c.env.DB), c.get("user").id)))
  .post("/", async (c) => {
    const me = c.get("user");
    const { handle } = await body(c, requestBody);
    const db = open(c.env.DB);
    const other = await findByHandle(db, handle);
    if (!other || other.isBot) throw new HttpError(404, "user_not_found", `no user with handle ${handle}`);
    if (other.id === me.id) throw new HttpError(400, "bad_request", "you cannot befriend yourself");
    if (await hasBlocked(db, other.id, me.id)) throw new HttpError(403, "user_blocked", "this user has blocked you");
    // Accepting someone's request, or asking again, is not a new request to a stranger.
    const isNew = !(await friends.hasLink(db, other.id, me.id)) && !(await friends.hasLink(db, me.id, other.id));
    if (isNew) await spendOrRefuse(c, [{ subject: userSubject(me.id), quota: "friendRequests" }]);
    const status = await friends.request(db, me.id, other.id);
    if (status === "accepted") {
      await openPrivateChat(c.env, me, other);
      await recordEvent(c.env, { type: "befriended", userId: me.id, peer: other.id, chatKey: privateChatKey(me.id, other.id) });
    }
    return c.json({ request: { userId: other.id, status } }, 201);
  })
  .post("/:userId/accept", async (c) => {
    const me = c.get("user");
    const userId = parse(positiveId, c.req.param("userId"));
    const db = open(c.env.DB);
    if (!(await friends.hasLink(db, userId, me.id))) {
      throw new HttpError(404, "request_not_found", "that user has not asked to be your friend");
    }
    await friends.request(db, me.id, userId);
    const [other] = await findUsers(db, [userId]);
    await openPrivateChat(c.env, me, other!);
    await recordEvent(c.env, { type: "befriended", userId: me.id, peer: userId, chatKey: privateChatKey(me.id, userId) });
    return c.json({ friend: other });
  })
  .delete("/:userId", async (c) => {
    const userId = parse(positiveId, c.req.param("userId"));
    const me = c.get("user").id;
    if (!(await friends.unfriend(open(c.env.DB), me, userId))) {
      throw new HttpError(404, "not_friends", "that user is neither your friend nor asked to be");
    }
    await c.env.CHATS.getByName(privateChatKey(me, userId)).setFriends(false);
    await recordEvent(c.env, { type: "unfriended", userId: me, peer: userId });
    return c.json({ ok: true });
  });
