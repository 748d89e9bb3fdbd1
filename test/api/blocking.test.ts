// Users block users; removing a friend ends private messages; a blocked bot is not started
// (and so unblocked) unless the user says so.
import { describe, expect, it } from "vitest";
import { befriend, call, register, send } from "./client.ts";
import { createBot, drain, start } from "./bot-helpers.ts";

const block = (by: { token: string }, userId: number, action: "block" | "unblock" = "block") =>
  call("POST", `/api/v1/users/${userId}/${action}`, { token: by.token });

describe("blocking users", () => {
  it("a blocked user's new messages in the private chat are refused, until unblocked", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    expect((await send(b, a.user.id, "hello")).status).toBe(201);
    expect((await block(a, b.user.id)).status).toBe(200);
    const refused = await send(b, a.user.id, "are you there?");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("user_blocked");
    const history = await call("GET", `/api/v1/chats/${b.user.id}/messages`, { token: a.token });
    expect(history.body.messages.map((m: any) => m.text)).toEqual(["hello"]);
    // The blocker can still write, and the block is one-way.
    expect((await send(a, b.user.id, "not you")).status).toBe(201);
    expect((await call("GET", `/api/v1/users/${b.user.id}/block`, { token: a.token })).body).toEqual({ blocked: true });
    expect((await block(a, b.user.id, "unblock")).status).toBe(200);
    expect((await send(b, a.user.id, "again")).status).toBe(201);
  });

  it("a blocked user cannot send the blocker a friend request", async () => {
    const [a, b] = [await register(), await register()];
    await block(a, b.user.id);
    const r = await call("POST", "/api/v1/friends", { token: b.token, json: { handle: a.user.handle } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("user_blocked");
    expect((await call("GET", "/api/v1/friends/requests", { token: a.token })).body.incoming).toEqual([]);
    // The blocker may still ask the other way.
    expect((await call("POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle } })).status).toBe(201);
  });

  it("refuses blocking oneself, a bot (it has its own route) and nobody", async () => {
    const a = await register();
    const bot = await createBot(a);
    expect((await block(a, a.user.id)).status).toBe(400);
    const asBot = await block(a, bot.id);
    expect(asBot.status).toBe(400);
    expect(asBot.body.error.code).toBe("is_bot");
    expect((await block(a, 99_999_999)).status).toBe(404);
  });

  it("removing a friend ends private messages, unless the two still share a group", async () => {
    const [a, b, c] = [await register(), await register(), await register()];
    await befriend(a, b);
    await befriend(a, c);
    expect((await send(b, a.user.id, "hi")).status).toBe(201);
    expect((await call("DELETE", `/api/v1/friends/${b.user.id}`, { token: a.token })).status).toBe(200);
    for (const [from, to] of [[b, a], [a, b]] as const) {
      const r = await send(from, to.user.id, "still there?");
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("not_friends");
    }
    // c befriends b and puts a and b in one group: fellow members may talk privately.
    await befriend(c, b);
    const group = await call("POST", "/api/v1/chats", { token: c.token, json: { type: "group", title: "both", memberIds: [a.user.id, b.user.id] } });
    expect(group.status).toBe(201);
    expect((await send(b, a.user.id, "via the group")).status).toBe(201);
  });
});

describe("starting a blocked bot", () => {
  it("answers 409 bot_blocked and leaves it blocked, unless the body says unblock", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    const user = await register();
    expect((await start(user, bot)).status).toBe(200);
    expect((await call("POST", `/api/v1/bots/${bot.username}/block`, { token: user.token })).status).toBe(200);
    await drain(bot);

    const asked = await start(user, bot, "promo");
    expect(asked.status).toBe(409);
    expect(asked.body.error.code).toBe("bot_blocked");
    expect((await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat.blocked).toBe(true);
    expect(await drain(bot)).toEqual([]); // no /start, no my_chat_member

    const unblocked = await call("POST", `/api/v1/bots/${bot.username}/start`, { token: user.token, json: { payload: "promo", unblock: true } });
    expect(unblocked.status).toBe(200);
    expect((await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat.blocked).toBe(false);
    const updates = await drain(bot);
    expect(updates.map((u: any) => u.message?.text ?? u.my_chat_member?.new_chat_member.status)).toEqual(["member", "/start promo"]);
  });
});
