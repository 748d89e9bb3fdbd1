// A deleted message leaves nothing of itself behind: not in the log's row, not in a pin's
// notice (which names the message and reads it when shown), not in the chat list's head, not
// in what a bot is shown later, and not in the votes, reactions and pins kept beside it.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { call, register, type Session } from "./client.ts";
import { createBot, drain, start, type TestBot } from "./bot-helpers.ts";

const LATITUDE = 48.858370;
const PHONE = "+33 1 23 45 67 89";

async function privateWithBot(): Promise<{ user: Session; bot: TestBot; key: string }> {
  const user = await register();
  const bot = await createBot(await register());
  await start(user, bot);
  await drain(bot);
  const key = `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}`;
  return { user, bot, key };
}

const history = async (s: Session, chatId: number) => (await call("GET", `/api/v1/chats/${chatId}/messages?limit=100`, { token: s.token })).body.messages as any[];

/** What the chat's own tables hold of a message. */
function rowsOf(key: string, id: number) {
  return runInDurableObject(env.CHATS.getByName(key), (_i, state) => {
    const sql = state.storage.sql;
    return {
      message: sql.exec("SELECT text, media, extra, deleted FROM messages WHERE id = ?", id).one(),
      votes: sql.exec<{ n: number }>("SELECT count(*) AS n FROM poll_votes WHERE message_id = ?", id).one().n,
      reactions: sql.exec<{ n: number }>("SELECT count(*) AS n FROM reactions WHERE message_id = ?", id).one().n,
      pins: sql.exec<{ n: number }>("SELECT count(*) AS n FROM pins WHERE message_id = ?", id).one().n,
    };
  });
}

describe("a deleted message", () => {
  it("a pinned location: history, the pin's notice, the chat list and a bot's later view hold none of it", async () => {
    const { user, bot, key } = await privateWithBot();
    const sent = await call("POST", `/api/v1/chats/${bot.id}/messages`, { token: user.token, json: { location: { latitude: LATITUDE, longitude: 2.294481 } } });
    expect(sent.status).toBe(201);
    const m = sent.body.message;
    expect((await call("POST", `/api/v1/chats/${bot.id}/messages/${m.id}/pin`, { token: user.token })).status).toBe(200);
    const notice = (await history(user, bot.id)).find((x) => x.pinnedMessage);
    expect(notice.pinnedMessage).toMatchObject({ id: m.id, location: { latitude: LATITUDE } }); // shown while it lives
    await drain(bot);

    expect((await call("DELETE", `/api/v1/chats/${bot.id}/messages/${m.id}`, { token: user.token })).status).toBe(200);

    const after = await history(user, bot.id);
    expect(JSON.stringify(after)).not.toContain(String(LATITUDE));
    expect(after.find((x) => x.id === m.id)).toBeUndefined();
    // the notice stays, naming a message that is gone: its id, date 0, no content
    const gone = after.find((x) => x.id === notice.id).pinnedMessage;
    expect(gone).toMatchObject({ id: m.id, date: 0, text: "" });
    expect(gone.location).toBeUndefined();
    // nothing pinned any more; the chat list's head (the notice is the latest message) is rewritten
    const details = (await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat;
    expect(details.pinnedMessageIds).toEqual([]);
    expect(details.pinnedMessage).toBeUndefined();
    const list = (await call("GET", "/api/v1/chats", { token: user.token })).body.chats;
    expect(JSON.stringify(list)).not.toContain(String(LATITUDE));
    const head = await env.DB.prepare("SELECT last_message FROM chat_heads WHERE chat_key = ?").bind(key).first<{ last_message: string }>();
    expect(head!.last_message).not.toContain(String(LATITUDE));
    // a bot shown the notice later (quoted in its reply) sees Telegram's InaccessibleMessage
    const reply = await bot.api("sendMessage", { chat_id: user.user.id, text: "re", reply_parameters: { message_id: notice.id } });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    expect(reply.result.reply_to_message.pinned_message).toEqual({ chat: reply.result.chat, message_id: m.id, date: 0 });
    expect(JSON.stringify(reply)).not.toContain(String(LATITUDE));
    // the row keeps no content, and no pin
    expect(await rowsOf(key, m.id)).toEqual({ message: { text: "", media: null, extra: null, deleted: 1 }, votes: 0, reactions: 0, pins: 0 });
  });

  it("a contact, a poll with votes and reactions: the row, the votes and the reactions go", async () => {
    const { user, bot, key } = await privateWithBot();
    const contact = await bot.api("sendContact", { chat_id: user.user.id, phone_number: PHONE, first_name: "Ada", vcard: "BEGIN:VCARD\nEND:VCARD" });
    const poll = await bot.api("sendPoll", { chat_id: user.user.id, question: "Tea?", options: ["Green", "Black"], is_anonymous: false });
    expect(contact.ok && poll.ok).toBe(true);
    const pollId = poll.result.message_id;
    expect((await call("POST", `/api/v1/chats/${bot.id}/messages/${pollId}/vote`, { token: user.token, json: { options: [1] } })).status).toBe(200);
    expect((await call("POST", `/api/v1/chats/${bot.id}/messages/${pollId}/reactions`, { token: user.token, json: { emoji: "👍" } })).status).toBe(200);
    expect(await rowsOf(key, pollId)).toMatchObject({ votes: 1, reactions: 1 });

    expect(await bot.api("deleteMessage", { chat_id: user.user.id, message_id: contact.result.message_id })).toEqual({ ok: true, result: true });
    expect(await bot.api("deleteMessage", { chat_id: user.user.id, message_id: pollId })).toEqual({ ok: true, result: true });

    expect(await rowsOf(key, contact.result.message_id)).toEqual({ message: { text: "", media: null, extra: null, deleted: 1 }, votes: 0, reactions: 0, pins: 0 });
    expect(await rowsOf(key, pollId)).toEqual({ message: { text: "", media: null, extra: null, deleted: 1 }, votes: 0, reactions: 0, pins: 0 });
    expect(JSON.stringify(await history(user, bot.id))).not.toContain(PHONE);
  });
});
