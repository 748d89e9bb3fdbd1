// Chat members and administration through the Bot API (issue 8): reading members, leaving,
// banning where the bot is an admin; the small behaviours (methods in a webhook's answer, replies to
// missing messages, deleting incoming messages, logOut and close).
import { describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { befriend, call, connect, register, send, type Session } from "./client.ts";
import { createBot, drain, sendPhotoUpload, start, type TestBot } from "./bot-helpers.ts";

/** A group of `owner`, `friend` and the bot (a plain member), made by `owner`. */
async function groupWithBot(): Promise<{ owner: Session; friend: Session; bot: TestBot; groupId: number }> {
  const [owner, friend] = [await register(), await register()];
  await befriend(owner, friend);
  const bot = await createBot(owner);
  await start(owner, bot);
  const g = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "Moderated", memberIds: [friend.user.id, bot.id] } });
  expect(g.status).toBe(201);
  await drain(bot);
  return { owner, friend, bot, groupId: g.body.chat.id };
}

const setRole = (owner: Session, groupId: number, userId: number, role: "admin" | "member") =>
  call("PUT", `/api/v1/chats/${groupId}/members/${userId}/role`, { token: owner.token, json: { role } });
const memberIds = async (s: Session, groupId: number) => (await call("GET", `/api/v1/chats/${groupId}`, { token: s.token })).body.chat.members.map((m: any) => m.id);

describe("reading members", () => {
  it("answers getChatMember with Telegram's ChatMember variants, and the admins and count", async () => {
    const { owner, friend, bot, groupId } = await groupWithBot();
    const outsider = await register();
    const owned = await bot.api("getChatMember", { chat_id: groupId, user_id: owner.user.id });
    expect(owned).toEqual({
      ok: true,
      result: { status: "creator", is_anonymous: false, user: { id: owner.user.id, is_bot: false, first_name: owner.user.displayName, username: owner.user.handle } },
    });
    expect((await bot.api("getChatMember", { chat_id: groupId, user_id: friend.user.id })).result).toEqual({
      status: "member",
      user: { id: friend.user.id, is_bot: false, first_name: friend.user.displayName, username: friend.user.handle },
    });
    expect((await bot.api("getChatMember", { chat_id: groupId, user_id: bot.id })).result).toMatchObject({ status: "member", user: { id: bot.id, is_bot: true } });
    // Ids are sequential: someone the bot never met is not found; someone who started it is.
    expect(await bot.api("getChatMember", { chat_id: groupId, user_id: outsider.user.id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: user not found" });
    const visitor = await register();
    await start(visitor, bot);
    expect((await bot.api("getChatMember", { chat_id: groupId, user_id: visitor.user.id })).result).toEqual({
      status: "left",
      user: { id: visitor.user.id, is_bot: false, first_name: visitor.user.displayName, username: visitor.user.handle },
    });
    expect(await bot.api("getChatMember", { chat_id: groupId, user_id: 7 })).toEqual({ ok: false, error_code: 400, description: "Bad Request: user not found" });

    expect((await setRole(owner, groupId, friend.user.id, "admin")).status).toBe(200);
    const admins = (await bot.api("getChatAdministrators", { chat_id: groupId })).result;
    expect(admins.map((a: any) => [a.status, a.user.id])).toEqual([
      ["creator", owner.user.id],
      ["administrator", friend.user.id],
    ]);
    expect(admins[1]).toMatchObject({ can_restrict_members: true, can_delete_messages: true, can_promote_members: false, can_be_edited: false, is_anonymous: false });
    expect(await bot.api("getChatMemberCount", { chat_id: groupId })).toEqual({ ok: true, result: 3 });
    expect(await bot.api("getChatMembersCount", { chat_id: groupId })).toEqual({ ok: true, result: 3 });

    // A private chat: both are members; there are no administrators.
    expect((await bot.api("getChatMember", { chat_id: owner.user.id, user_id: owner.user.id })).result.status).toBe("member");
    expect(await bot.api("getChatMemberCount", { chat_id: owner.user.id })).toEqual({ ok: true, result: 2 });
    expect((await bot.api("getChatAdministrators", { chat_id: owner.user.id })).description).toBe("Bad Request: there are no administrators in the private chat");
    // A chat the bot is not in.
    expect((await bot.api("getChatMemberCount", { chat_id: outsider.user.id })).description).toBe("Forbidden: bot can't initiate conversation with a user");
  });
});

describe("leaving", () => {
  it("leaves a group: members see it live, the bot is told it left; a private chat cannot be left", async () => {
    const { owner, bot, groupId } = await groupWithBot();
    const sock = await connect(owner);
    expect(await bot.api("leaveChat", { chat_id: groupId })).toEqual({ ok: true, result: true });
    await sock.next((f) => f.type === "members_changed" && f.chatId === groupId);
    expect(await memberIds(owner, groupId)).not.toContain(bot.id);
    const told = (await drain(bot)).map((u) => u.my_chat_member).filter(Boolean);
    expect(told).toEqual([
      expect.objectContaining({
        chat: expect.objectContaining({ id: groupId }),
        from: expect.objectContaining({ id: bot.id }),
        old_chat_member: expect.objectContaining({ status: "member" }),
        new_chat_member: expect.objectContaining({ status: "left" }),
      }),
    ]);
    expect((await bot.api("sendMessage", { chat_id: groupId, text: "back?" })).description).toBe("Forbidden: bot is not a member of the group chat");
    expect(await bot.api("leaveChat", { chat_id: owner.user.id })).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: chat member status can't be changed in private chats",
    });
    sock.ws.close();
  });
});

describe("banning", () => {
  it("needs the bot to be an admin, never takes the owner or an admin, and keeps a banned user out until unbanned", async () => {
    const { owner, friend, bot, groupId } = await groupWithBot();
    const notAdmin = await bot.api("banChatMember", { chat_id: groupId, user_id: friend.user.id });
    expect(notAdmin).toEqual({ ok: false, error_code: 400, description: "Bad Request: not enough rights to restrict/ban chat member" });
    expect(await memberIds(owner, groupId)).toContain(friend.user.id); // refused: nothing changed

    expect((await setRole(owner, groupId, bot.id, "admin")).status).toBe(200);
    expect((await bot.api("banChatMember", { chat_id: groupId, user_id: owner.user.id })).description).toBe("Bad Request: can't remove chat owner");
    await setRole(owner, groupId, friend.user.id, "admin");
    expect((await bot.api("banChatMember", { chat_id: groupId, user_id: friend.user.id })).description).toBe("Bad Request: user is an administrator of the chat");
    await setRole(owner, groupId, friend.user.id, "member");

    const friendSock = await connect(friend);
    expect(await bot.api("banChatMember", { chat_id: groupId, user_id: friend.user.id, revoke_messages: true })).toEqual({ ok: true, result: true });
    await friendSock.next((f) => f.type === "chat_left" && f.chatId === groupId);
    expect(await memberIds(owner, groupId)).not.toContain(friend.user.id);
    expect((await call("GET", `/api/v1/chats/${groupId}/messages`, { token: friend.token })).status).toBe(403);
    expect((await bot.api("getChatMember", { chat_id: groupId, user_id: friend.user.id })).result).toMatchObject({ status: "kicked", until_date: 0 });

    // The owner cannot add the banned user back; the refusal stores nothing.
    const readd = await call("POST", `/api/v1/chats/${groupId}/members`, { token: owner.token, json: { userIds: [friend.user.id] } });
    expect(readd.status).toBe(403);
    expect(readd.body.error.code).toBe("user_banned");
    expect(await memberIds(owner, groupId)).not.toContain(friend.user.id);
    expect((await call("GET", `/api/v1/chats/${groupId}/bans`, { token: owner.token })).body.bans).toEqual([{ userId: friend.user.id, until: 0 }]);

    // Unbanning does not add them back; the owner can then.
    expect(await bot.api("unbanChatMember", { chat_id: groupId, user_id: friend.user.id })).toEqual({ ok: true, result: true });
    // Neither in the group nor banned, with no private chat with the bot: not one it may see.
    expect((await bot.api("getChatMember", { chat_id: groupId, user_id: friend.user.id })).description).toBe("Bad Request: user not found");
    expect(await memberIds(owner, groupId)).not.toContain(friend.user.id);
    expect((await call("POST", `/api/v1/chats/${groupId}/members`, { token: owner.token, json: { userIds: [friend.user.id] } })).status).toBe(200);
    expect(await memberIds(owner, groupId)).toContain(friend.user.id);
    friendSock.ws.close();
  });

  it("bans for a time, bans people not yet in the group, and unbans as Telegram does (only_if_banned)", async () => {
    const { owner, friend, bot, groupId } = await groupWithBot();
    await setRole(owner, groupId, bot.id, "admin");
    const until = Math.floor(Date.now() / 1000) + 3600;
    expect((await bot.api("banChatMember", { chat_id: groupId, user_id: friend.user.id, until_date: until })).result).toBe(true);
    expect((await bot.api("getChatMember", { chat_id: groupId, user_id: friend.user.id })).result).toMatchObject({ status: "kicked", until_date: until });

    // Someone not in the group the bot has met can be banned ahead of time, and then cannot be added.
    const later = await register();
    await befriend(owner, later);
    expect((await bot.api("banChatMember", { chat_id: groupId, user_id: later.user.id })).description).toBe("Bad Request: user not found");
    await start(later, bot);
    expect((await bot.api("banChatMember", { chat_id: groupId, user_id: later.user.id })).result).toBe(true);
    expect((await call("POST", `/api/v1/chats/${groupId}/members`, { token: owner.token, json: { userIds: [later.user.id] } })).status).toBe(403);
    expect((await bot.api("banChatMember", { chat_id: groupId, user_id: 7 })).description).toBe("Bad Request: user not found");

    // only_if_banned leaves a member alone; without it, unbanning a member removes them.
    const third = await register();
    await befriend(owner, third);
    await call("POST", `/api/v1/chats/${groupId}/members`, { token: owner.token, json: { userIds: [third.user.id] } });
    expect((await bot.api("unbanChatMember", { chat_id: groupId, user_id: third.user.id, only_if_banned: true })).result).toBe(true);
    expect(await memberIds(owner, groupId)).toContain(third.user.id);
    expect((await bot.api("unbanChatMember", { chat_id: groupId, user_id: third.user.id })).result).toBe(true);
    expect(await memberIds(owner, groupId)).not.toContain(third.user.id);
    expect((await bot.api("unbanChatMember", { chat_id: groupId, user_id: owner.user.id })).description).toBe("Bad Request: can't remove chat owner");

    // Banning in a private chat is not a thing.
    expect((await bot.api("banChatMember", { chat_id: owner.user.id, user_id: owner.user.id })).description).toBe(
      "Bad Request: chat member status can't be changed in private chats",
    );
  });

  it("lets the group's people admins ban and unban too; members may not", async () => {
    const { owner, friend, groupId } = await groupWithBot();
    const other = await register();
    expect((await call("PUT", `/api/v1/chats/${groupId}/bans/${other.user.id}`, { token: friend.token, json: {} })).status).toBe(403);
    const banned = await call("PUT", `/api/v1/chats/${groupId}/bans/${friend.user.id}`, { token: owner.token, json: {} });
    expect(banned.body).toEqual({ ban: { userId: friend.user.id, until: 0 } });
    expect(await memberIds(owner, groupId)).not.toContain(friend.user.id);
    expect((await call("DELETE", `/api/v1/chats/${groupId}/bans/${friend.user.id}`, { token: owner.token })).status).toBe(200);
    expect((await call("GET", `/api/v1/chats/${groupId}/bans`, { token: owner.token })).body.bans).toEqual([]);
    expect((await call("POST", `/api/v1/chats/${groupId}/members`, { token: owner.token, json: { userIds: [friend.user.id] } })).status).toBe(200);
  });
});

describe("the small behaviours", () => {
  it("executes a method in a webhook's answer only where Telegram would: sending and setMyName, not setWebhook, deleteWebhook, logOut or getUpdates", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    await drain(bot);
    const sock = await connect(user);
    // The bot's webhook, answering each message with the call its text names.
    const hook = "https://hooks.example.com/replies";
    const answers: Record<string, Record<string, unknown>> = {
      hook: { method: "setWebhook", url: "https://elsewhere.example.com/stolen" },
      drop: { method: "deleteWebhook", drop_pending_updates: true },
      out: { method: "logOut" },
      poll: { method: "getUpdates", offset: -1 },
      name: { method: "setMyName", name: "Renamed by a reply" },
      hi: { method: "sendMessage", chat_id: user.user.id, text: "hello from the webhook's answer" },
    };
    const delivered: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith("https://hooks.example.com/") && !url.startsWith("https://elsewhere.example.com/")) return realFetch(input, init);
      const text = JSON.parse(String(init?.body)).message?.text as string;
      delivered.push(`${url} ${text}`);
      return Response.json(answers[text] ?? {});
    });
    try {
      expect((await bot.api("setWebhook", { url: hook })).result).toBe(true);
      for (const text of Object.keys(answers)) {
        const sent = await send(user, bot.id, text);
        expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      }
      // Updates go out one at a time, in order: once the last answer has run, every one before it was handled.
      await sock.next((f) => f.type === "message" && f.message.text === "hello from the webhook's answer");
      expect(delivered).toEqual(Object.keys(answers).map((text) => `${hook} ${text}`));
      expect((await bot.api("getWebhookInfo")).result.url).toBe(hook); // neither moved nor removed
      expect((await bot.api("getMe")).result.first_name).toBe("Renamed by a reply"); // not logged out; the name was set
    } finally {
      vi.restoreAllMocks();
      sock.ws.close();
    }
  });

  it("sends without the reply when allowed and the message replied to is gone", async () => {
    const [user, owner] = [await register(), await register()];
    const bot = await createBot(owner);
    const fast = { rate: 100, burst: 100 }; // more sends here than Telegram's 1 a second in one chat
    await call("PATCH", `/api/v1/bots/${bot.username}`, { token: owner.token, json: { rateLimits: { global: fast, privateChat: fast, group: fast } } });
    await start(user, bot);
    const missing = await bot.api("sendMessage", { chat_id: user.user.id, text: "re: nothing", reply_to_message_id: 9999 });
    expect(missing).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to be replied not found" });
    const top = await bot.api("sendMessage", { chat_id: user.user.id, text: "re: nothing", reply_to_message_id: 9999, allow_sending_without_reply: true });
    expect(top.ok).toBe(true);
    expect(top.result.reply_to_message).toBeUndefined();
    const inner = await bot.api("sendMessage", { chat_id: user.user.id, text: "re: still nothing", reply_parameters: { message_id: 9999, allow_sending_without_reply: true } });
    expect(inner.ok).toBe(true);
    expect(inner.result.reply_to_message).toBeUndefined();
    // A reply to a message that exists keeps it, allowed or not.
    const kept = await bot.api("sendMessage", { chat_id: user.user.id, text: "re: that", reply_parameters: { message_id: top.result.message_id, allow_sending_without_reply: true } });
    expect(kept.result.reply_to_message.message_id).toBe(top.result.message_id);

    // An album too.
    const photo = (await sendPhotoUpload(bot, user.user.id)).result.photo.at(-1).file_id;
    const album = { chat_id: user.user.id, media: [{ type: "photo", media: photo }, { type: "photo", media: photo }] };
    expect((await bot.api("sendMediaGroup", { ...album, reply_to_message_id: 9999 })).description).toBe("Bad Request: message to be replied not found");
    const sent = await bot.api("sendMediaGroup", { ...album, reply_parameters: { message_id: 9999, allow_sending_without_reply: true } });
    expect(sent.result.map((m: any) => m.reply_to_message)).toEqual([undefined, undefined]);
  });

  it("lets a bot delete the user's message in its private chat; the user cannot delete the bot's", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const sock = await connect(user);
    const mine = await send(user, bot.id, "delete me, bot");
    expect(await bot.api("deleteMessage", { chat_id: user.user.id, message_id: mine.body.message.id })).toEqual({ ok: true, result: true });
    await sock.next((f) => f.type === "message_deleted" && f.messageId === mine.body.message.id);
    const fromBot = await bot.api("sendMessage", { chat_id: user.user.id, text: "mine to keep" });
    expect((await call("DELETE", `/api/v1/chats/${bot.id}/messages/${fromBot.result.message_id}`, { token: user.token })).status).toBe(403);
    sock.ws.close();
  });
});

describe("logOut and close", () => {
  const backdate = (bot: TestBot, key: "launched_at" | "logged_out_at", seconds: number) =>
    runInDurableObject(env.BOTS.getByName(String(bot.id)), (_i, state) => {
      state.storage.sql.exec(`UPDATE meta SET v = CAST(v AS INTEGER) - ? WHERE k = ?`, seconds, key);
    });

  it("close answers 429 in the first 10 minutes after launch, then ends the waiting getUpdates", async () => {
    const bot = await createBot(await register());
    expect((await bot.api("getMe")).ok).toBe(true); // launches the bot
    const early = await bot.api("close");
    expect(early).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: expect.any(Number) } });
    expect(early.parameters.retry_after).toBeGreaterThan(590);
    expect(early.parameters.retry_after).toBeLessThanOrEqual(600);
    expect(early.description).toBe(`Too Many Requests: retry after ${early.parameters.retry_after}`);

    await backdate(bot, "launched_at", 601);
    const poll = bot.api("getUpdates", { timeout: 20 });
    await new Promise((r) => setTimeout(r, 100));
    expect(await bot.api("close")).toEqual({ ok: true, result: true });
    expect(await poll).toEqual({ ok: true, result: [] });
    // The next call launches the bot again, so close waits again.
    expect((await bot.api("close")).error_code).toBe(429);
  });

  it("logOut ends the waiting getUpdates and refuses every call for 10 minutes, then logs back in", async () => {
    const user = await register();
    const bot = await createBot(await register());
    const poll = bot.api("getUpdates", { timeout: 20 });
    await new Promise((r) => setTimeout(r, 100));
    expect(await bot.api("logOut")).toEqual({ ok: true, result: true });
    expect(await poll).toEqual({ ok: false, error_code: 400, description: "Logged out" });
    expect(await bot.api("getMe")).toEqual({ ok: false, error_code: 400, description: "Logged out" });
    await start(user, bot); // updates are kept meanwhile
    expect((await bot.api("getUpdates")).description).toBe("Logged out");
    await backdate(bot, "logged_out_at", 601);
    expect((await bot.api("getMe")).ok).toBe(true);
    expect((await drain(bot)).some((u) => u.message?.text === "/start")).toBe(true);
  });
});
