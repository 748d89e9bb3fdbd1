// Polls, reactions and pins, as bots (Bot API) and people (client API) use them.
import { describe, expect, it } from "vitest";
import { befriend, call, connect, register, send, type Session } from "./client.ts";
import { createBot, drain, start, type TestBot } from "./bot-helpers.ts";

/** A person in a private chat with a fresh bot, its /start already drained. */
async function privateWithBot(): Promise<{ user: Session; bot: TestBot }> {
  const user = await register();
  const bot = await createBot(await register());
  await start(user, bot);
  await drain(bot);
  return { user, bot };
}

/** A group of an owner, a member and a bot (made an admin when `admin`). */
async function groupWithBot(admin: boolean) {
  const owner = await register();
  const member = await register();
  await befriend(owner, member);
  const bot = await createBot(await register());
  await start(owner, bot);
  const g = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "Club", memberIds: [member.user.id, bot.id] } });
  const groupId: number = g.body.chat.id;
  if (admin) expect((await call("PUT", `/api/v1/chats/${groupId}/members/${bot.id}/role`, { token: owner.token, json: { role: "admin" } })).status).toBe(200);
  await drain(bot);
  return { owner, member, bot, groupId };
}

const vote = (s: Session, chatId: number, messageId: number, options: number[]) =>
  call("POST", `/api/v1/chats/${chatId}/messages/${messageId}/vote`, { token: s.token, json: { options } });
const react = (s: Session, chatId: number, messageId: number, emoji: string) =>
  call("POST", `/api/v1/chats/${chatId}/messages/${messageId}/reactions`, { token: s.token, json: { emoji } });
const history = async (s: Session, chatId: number) => (await call("GET", `/api/v1/chats/${chatId}/messages?limit=100`, { token: s.token })).body.messages as any[];

describe("sendPoll", () => {
  it("refuses bad polls in Telegram's words and stores nothing", async () => {
    const { user, bot } = await privateWithBot();
    const cases: [Record<string, unknown>, string][] = [
      [{ question: "", options: ["a", "b"] }, "Bad Request: poll question must be non-empty"],
      [{ question: "q".repeat(301), options: ["a", "b"] }, "Bad Request: poll question length must not exceed 300"],
      [{ question: "Q?", options: ["only"] }, "Bad Request: poll must have at least 2 option"],
      [{ question: "Q?", options: Array.from({ length: 13 }, (_, i) => `o${i}`) }, "Bad Request: poll can't have more than 12 options"],
      [{ question: "Q?", options: ["a", ""] }, "Bad Request: poll options must be non-empty"],
      [{ question: "Q?", options: ["a", "b".repeat(101)] }, "Bad Request: poll options length must not exceed 100"],
      [{ question: "Q?", options: ["a", "b"], type: "quiz" }, "Bad Request: wrong correct option ID specified"],
      [{ question: "Q?", options: ["a", "b"], type: "quiz", correct_option_id: 5 }, "Bad Request: wrong correct option ID specified"],
      [{ question: "Q?", options: ["a", "b"], type: "survey" }, "Bad Request: wrong poll type specified"],
      [{ question: "Q?", options: ["a", "b"], open_period: 1 }, "Bad Request: open_period must be between 5 and 600 seconds"],
    ];
    for (const [params, description] of cases) {
      const r = await bot.api("sendPoll", { chat_id: user.user.id, ...params });
      expect(r, JSON.stringify(params)).toEqual({ ok: false, error_code: 400, description });
    }
    expect((await history(user, bot.id)).filter((m) => m.poll)).toEqual([]);
  });

  it("sends a poll with InputPollOption objects or plain strings, shaped as Telegram's", async () => {
    const { user, bot } = await privateWithBot();
    const r = await bot.api("sendPoll", { chat_id: user.user.id, question: "Tea?", options: [{ text: "Green" }, "Black"], is_anonymous: false });
    expect(r.ok).toBe(true);
    expect(r.result.text).toBeUndefined();
    expect(r.result.poll).toEqual({
      id: expect.any(String),
      question: "Tea?",
      options: [
        { text: "Green", voter_count: 0 },
        { text: "Black", voter_count: 0 },
      ],
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: false,
      type: "regular",
      allows_multiple_answers: false,
    });
    // form-encoded, as node-telegram-bot-api sends it: options as JSON text
    const form = await bot.api("sendPoll", { chat_id: String(user.user.id), question: "Coffee?", options: JSON.stringify(["Yes", "No"]) });
    expect(form.result.poll.options.map((o: any) => o.text)).toEqual(["Yes", "No"]);
    expect(form.result.poll.is_anonymous).toBe(true);
    expect(form.result.poll.id).not.toBe(r.result.poll.id);
  });
});

describe("votes", () => {
  it("reach the poll's bot as poll_answer and poll updates; the voter sees the tallies and their choice", async () => {
    const { user, bot } = await privateWithBot();
    const sent = (await bot.api("sendPoll", { chat_id: user.user.id, question: "Tea?", options: ["Green", "Black"], is_anonymous: false })).result;
    const voted = await vote(user, bot.id, sent.message_id, [1]);
    expect(voted.status).toBe(200);
    expect(voted.body.message.poll).toMatchObject({ totalVoterCount: 1, chosen: [1], options: [{ voterCount: 0 }, { voterCount: 1 }] });
    const updates = await drain(bot);
    expect(updates.map((u) => u.poll_answer).filter(Boolean)).toEqual([
      { poll_id: sent.poll.id, user: expect.objectContaining({ id: user.user.id, is_bot: false }), option_ids: [1] },
    ]);
    expect(updates.map((u) => u.poll).filter(Boolean).at(-1)).toMatchObject({ id: sent.poll.id, total_voter_count: 1, options: [{ voter_count: 0 }, { voter_count: 1 }] });
    // taking the answer back: an empty poll_answer, as Telegram sends it
    expect((await vote(user, bot.id, sent.message_id, [])).body.message.poll.chosen).toBeUndefined();
    expect((await drain(bot)).map((u) => u.poll_answer).filter(Boolean)).toEqual([expect.objectContaining({ option_ids: [] })]);
    // the same answer twice changes nothing and tells nobody
    await vote(user, bot.id, sent.message_id, [0]);
    await drain(bot);
    await vote(user, bot.id, sent.message_id, [0]);
    expect(await drain(bot)).toEqual([]);
    const [shown] = (await history(user, bot.id)).filter((m) => m.id === sent.message_id);
    expect(shown.poll).toMatchObject({ totalVoterCount: 1, chosen: [0] });
  });

  it("of an anonymous poll bring the bot new tallies but no poll_answer", async () => {
    const { user, bot } = await privateWithBot();
    const sent = (await bot.api("sendPoll", { chat_id: user.user.id, question: "Secret?", options: ["Yes", "No"] })).result;
    expect((await vote(user, bot.id, sent.message_id, [0])).status).toBe(200);
    const updates = await drain(bot);
    expect(updates.filter((u) => u.poll_answer)).toEqual([]);
    expect(updates.filter((u) => u.poll)).toHaveLength(1);
  });

  it("are checked: options in range, one unless the poll takes several", async () => {
    const { user, bot } = await privateWithBot();
    const single = (await bot.api("sendPoll", { chat_id: user.user.id, question: "One?", options: ["a", "b"] })).result;
    expect((await vote(user, bot.id, single.message_id, [0, 1])).body.error.code).toBe("bad_vote");
    expect((await vote(user, bot.id, single.message_id, [2])).body.error.code).toBe("bad_vote");
    const multi = (await bot.api("sendPoll", { chat_id: user.user.id, question: "Many?", options: ["a", "b", "c"], allows_multiple_answers: true })).result;
    expect((await vote(user, bot.id, multi.message_id, [2, 0])).body.message.poll.chosen).toEqual([0, 2]);
    const text = (await bot.api("sendMessage", { chat_id: user.user.id, text: "no poll here" })).result;
    expect((await vote(user, bot.id, text.message_id, [0])).body.error.code).toBe("not_poll");
  });

  it("in a quiz: one answer, final; the answer and explanation show only after answering", async () => {
    const { user, bot } = await privateWithBot();
    const quiz = (await bot.api("sendPoll", { chat_id: user.user.id, question: "2+2?", options: ["3", "4"], type: "quiz", correct_option_id: 1, explanation: "Arithmetic" })).result;
    expect(quiz.poll).toMatchObject({ type: "quiz", correct_option_id: 1, explanation: "Arithmetic" });
    const [before] = (await history(user, bot.id)).filter((m) => m.id === quiz.message_id);
    expect(before.poll.correctOptionId).toBeUndefined();
    expect(before.poll.explanation).toBeUndefined();
    const answered = await vote(user, bot.id, quiz.message_id, [0]);
    expect(answered.body.message.poll).toMatchObject({ chosen: [0], correctOptionId: 1, explanation: "Arithmetic" });
    expect((await vote(user, bot.id, quiz.message_id, [1])).body.error.code).toBe("vote_final");
    expect((await vote(user, bot.id, quiz.message_id, [])).body.error.code).toBe("vote_final");
  });

  it("in a quiz: another bot in the group is not shown the answer until the quiz is closed", async () => {
    const { owner, member, bot, groupId } = await groupWithBot(false);
    const other = await createBot(await register());
    await start(owner, other);
    expect((await call("POST", `/api/v1/chats/${groupId}/members`, { token: owner.token, json: { userIds: [other.id] } })).status).toBeLessThan(300);
    await drain(other);
    const quiz = (await bot.api("sendPoll", { chat_id: groupId, question: "2+2?", options: ["3", "4"], type: "quiz", correct_option_id: 1, explanation: "Arithmetic", is_anonymous: false })).result;
    expect(quiz.poll).toMatchObject({ correct_option_id: 1, explanation: "Arithmetic" }); // its sender sees it
    // The other bot's message quotes the quiz; a press on its button shows the other bot that message.
    const keyboard = { inline_keyboard: [[{ text: "Hint?", callback_data: "hint" }]] };
    const hint = (await other.api("sendMessage", { chat_id: groupId, text: "Need a hint?", reply_parameters: { message_id: quiz.message_id }, reply_markup: keyboard })).result;
    const seenByOther = async () => {
      expect((await call("POST", `/api/v1/chats/${groupId}/callback`, { token: member.token, json: { messageId: hint.message_id, data: "hint" } })).status).toBe(200);
      const u = (await drain(other)).find((x) => x.callback_query);
      return u.callback_query.message.reply_to_message.poll;
    };
    const open = await seenByOther();
    expect(open).toMatchObject({ type: "quiz", is_closed: false });
    expect(open).not.toHaveProperty("correct_option_id");
    expect(open).not.toHaveProperty("explanation");
    expect((await bot.api("stopPoll", { chat_id: groupId, message_id: quiz.message_id })).result).toMatchObject({ correct_option_id: 1 });
    expect(await seenByOther()).toMatchObject({ is_closed: true, correct_option_id: 1, explanation: "Arithmetic" });
  });

  it("stop at stopPoll: the final poll comes back, later votes are refused, only the sender may stop", async () => {
    const { user, bot } = await privateWithBot();
    const sent = (await bot.api("sendPoll", { chat_id: user.user.id, question: "Lunch?", options: ["Now", "Later"], is_anonymous: false })).result;
    await vote(user, bot.id, sent.message_id, [0]);
    await drain(bot);
    const stopped = await bot.api("stopPoll", { chat_id: user.user.id, message_id: sent.message_id });
    expect(stopped.result).toMatchObject({ id: sent.poll.id, is_closed: true, total_voter_count: 1, options: [{ text: "Now", voter_count: 1 }, { text: "Later", voter_count: 0 }] });
    expect((await drain(bot)).map((u) => u.poll).filter(Boolean)).toEqual([expect.objectContaining({ is_closed: true })]);
    const late = await vote(user, bot.id, sent.message_id, [1]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("poll_closed");
    expect(await bot.api("stopPoll", { chat_id: user.user.id, message_id: sent.message_id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: poll has already been closed" });
    const [shown] = (await history(user, bot.id)).filter((m) => m.id === sent.message_id);
    expect(shown.poll).toMatchObject({ isClosed: true, chosen: [0] });

    const mine = (await send(user, bot.id, "hello")).body.message;
    expect(await bot.api("stopPoll", { chat_id: user.user.id, message_id: mine.id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message is not a poll" });
    expect(await bot.api("stopPoll", { chat_id: user.user.id, message_id: 9999 })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message with poll to stop not found" });
  });

  it("are refused by a poll sent closed; open_period sets the close date (its passing is in poll-rules.test.ts)", async () => {
    const { user, bot } = await privateWithBot();
    const sent = (await bot.api("sendPoll", { chat_id: user.user.id, question: "Soon over?", options: ["a", "b"], open_period: 5 })).result;
    expect(sent.poll).toMatchObject({ open_period: 5, close_date: sent.date + 5 });
    // A sent poll already closed (is_closed) behaves as a stopped one.
    const closed = (await bot.api("sendPoll", { chat_id: user.user.id, question: "Preview", options: ["a", "b"], is_closed: true })).result;
    expect(closed.poll.is_closed).toBe(true);
    expect((await vote(user, bot.id, closed.message_id, [0])).body.error.code).toBe("poll_closed");
  });
});

describe("reactions", () => {
  it("people toggle one emoji per message; members see it live; bots hear only when they ask", async () => {
    const { user, bot } = await privateWithBot();
    const m = (await bot.api("sendMessage", { chat_id: user.user.id, text: "react to me" })).result;
    const sock = await connect(user);
    const on = await react(user, bot.id, m.message_id, "👍");
    expect(on.body.message.reactions).toEqual([{ emoji: "👍", count: 1, userIds: [user.user.id] }]);
    const live = await sock.next((f) => f.type === "message_edited" && f.message.id === m.message_id);
    expect(live.message.reactions).toEqual([{ emoji: "👍", count: 1, userIds: [user.user.id] }]);
    expect(live.message.editDate).toBeUndefined();
    // message_reaction is not in the default allowed_updates, as in Telegram
    expect((await drain(bot)).filter((u) => u.message_reaction)).toEqual([]);
    await bot.api("getUpdates", { allowed_updates: ["message", "message_reaction"], timeout: 0 });
    const swapped = await react(user, bot.id, m.message_id, "🔥");
    expect(swapped.body.message.reactions).toEqual([{ emoji: "🔥", count: 1, userIds: [user.user.id] }]);
    const off = await react(user, bot.id, m.message_id, "🔥");
    expect(off.body.message.reactions).toBeUndefined();
    const heard = (await drain(bot)).map((u) => u.message_reaction).filter(Boolean);
    expect(heard).toEqual([
      {
        chat: expect.objectContaining({ id: user.user.id, type: "private" }),
        message_id: m.message_id,
        user: expect.objectContaining({ id: user.user.id }),
        date: expect.any(Number),
        old_reaction: [{ type: "emoji", emoji: "👍" }],
        new_reaction: [{ type: "emoji", emoji: "🔥" }],
      },
      expect.objectContaining({ old_reaction: [{ type: "emoji", emoji: "🔥" }], new_reaction: [] }),
    ]);
    expect((await react(user, bot.id, m.message_id, "🐈")).body.error.code).toBe("bad_reaction");
    expect((await react(user, bot.id, 9999, "👍")).status).toBe(404);
    sock.ws.close();
  });

  it("bots set theirs with setMessageReaction, in Telegram's terms", async () => {
    const { user, bot } = await privateWithBot();
    const m = (await send(user, bot.id, "nice bot")).body.message;
    const sock = await connect(user);
    expect(await bot.api("setMessageReaction", { chat_id: user.user.id, message_id: m.id, reaction: [{ type: "emoji", emoji: "❤" }], is_big: true })).toEqual({ ok: true, result: true });
    expect((await sock.next((f) => f.type === "message_edited" && f.message.id === m.id)).message.reactions).toEqual([{ emoji: "❤", count: 1, userIds: [bot.id] }]);
    const bad = { ok: false, error_code: 400 };
    expect(await bot.api("setMessageReaction", { chat_id: user.user.id, message_id: m.id, reaction: [{ type: "emoji", emoji: "🐈" }] })).toEqual({ ...bad, description: "Bad Request: REACTION_INVALID" });
    expect(await bot.api("setMessageReaction", { chat_id: user.user.id, message_id: m.id, reaction: [{ type: "custom_emoji", custom_emoji_id: "1" }] })).toEqual({ ...bad, description: "Bad Request: REACTION_INVALID" });
    expect(await bot.api("setMessageReaction", { chat_id: user.user.id, message_id: m.id, reaction: JSON.stringify([{ type: "emoji", emoji: "👍" }, { type: "emoji", emoji: "🔥" }]) })).toEqual({ ...bad, description: "Bad Request: REACTIONS_TOO_MANY" });
    expect(await bot.api("setMessageReaction", { chat_id: user.user.id, message_id: 9999, reaction: [] })).toEqual({ ...bad, description: "Bad Request: message to react not found" });
    expect(await bot.api("setMessageReaction", { chat_id: user.user.id, message_id: m.id })).toEqual({ ok: true, result: true });
    const [shown] = (await history(user, bot.id)).filter((x) => x.id === m.id);
    expect(shown.reactions).toBeUndefined();
    sock.ws.close();
  });

  it("in a group reach a bot only when it is an admin, and never a bot's own", async () => {
    const plain = await groupWithBot(false);
    await plain.bot.api("getUpdates", { allowed_updates: ["message", "message_reaction"], timeout: 0 });
    const m1 = (await send(plain.member, plain.groupId, "hi all")).body.message;
    await react(plain.owner, plain.groupId, m1.id, "🎉");
    expect((await drain(plain.bot)).filter((u) => u.message_reaction)).toEqual([]);

    const admin = await groupWithBot(true);
    await admin.bot.api("getUpdates", { allowed_updates: ["message", "message_reaction"], timeout: 0 });
    const m2 = (await send(admin.member, admin.groupId, "hi all")).body.message;
    await react(admin.owner, admin.groupId, m2.id, "🎉");
    await admin.bot.api("setMessageReaction", { chat_id: admin.groupId, message_id: m2.id, reaction: [{ type: "emoji", emoji: "👍" }] });
    const heard = (await drain(admin.bot)).map((u) => u.message_reaction).filter(Boolean);
    expect(heard).toEqual([expect.objectContaining({ chat: expect.objectContaining({ id: admin.groupId }), user: expect.objectContaining({ id: admin.owner.user.id }) })]);
    const [shown] = (await history(admin.member, admin.groupId)).filter((x) => x.id === m2.id);
    expect(shown.reactions).toEqual([
      { emoji: "🎉", count: 1, userIds: [admin.owner.user.id] },
      { emoji: "👍", count: 1, userIds: [admin.bot.id] },
    ]);
  });
});

describe("pins", () => {
  it("in a private chat either side pins; the notice reaches members and the pin shows live and in the chat's details", async () => {
    const { user, bot } = await privateWithBot();
    const m = (await send(user, bot.id, "pin me")).body.message;
    await drain(bot);
    const sock = await connect(user);
    expect(await bot.api("pinChatMessage", { chat_id: user.user.id, message_id: m.id, disable_notification: true })).toEqual({ ok: true, result: true });
    expect((await sock.next((f) => f.type === "message_edited" && f.message.id === m.id)).message.pinned).toBe(true);
    const notice = await sock.next((f) => f.type === "message" && f.message.pinnedMessage);
    expect(notice.message).toMatchObject({ from: { id: bot.id }, text: "", pinnedMessage: { id: m.id, text: "pin me" } });
    const details = (await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat;
    expect(details.pinnedMessageIds).toEqual([m.id]);
    expect(details.pinnedMessage).toMatchObject({ id: m.id, pinned: true });
    // pinning again changes nothing, and leaves no second notice
    expect((await bot.api("pinChatMessage", { chat_id: user.user.id, message_id: m.id })).ok).toBe(true);
    expect((await history(user, bot.id)).filter((x) => x.pinnedMessage)).toHaveLength(1);
    // the person pins too; a service message cannot be pinned
    const m2 = (await send(user, bot.id, "and me")).body.message;
    expect((await call("POST", `/api/v1/chats/${bot.id}/messages/${m2.id}/pin`, { token: user.token })).status).toBe(200);
    expect((await call("POST", `/api/v1/chats/${bot.id}/messages/${notice.message.id}/pin`, { token: user.token })).body.error.code).toBe("not_pinnable");
    expect(await bot.api("pinChatMessage", { chat_id: user.user.id, message_id: 9999 })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to pin not found" });
    sock.ws.close();
  });

  it("bots hear of a pin as a service message with pinned_message", async () => {
    const { user, bot } = await privateWithBot();
    const m = (await bot.api("sendMessage", { chat_id: user.user.id, text: "rules" })).result;
    await call("POST", `/api/v1/chats/${bot.id}/messages/${m.message_id}/pin`, { token: user.token });
    const [update] = (await drain(bot)).filter((u) => u.message?.pinned_message);
    expect(update.message.text).toBeUndefined();
    expect(update.message.from.id).toBe(user.user.id);
    expect(update.message.pinned_message).toMatchObject({ message_id: m.message_id, text: "rules" });
  });

  it("unpinChatMessage takes the latest pin without a message_id; unpinAllChatMessages takes them all", async () => {
    const { user, bot } = await privateWithBot();
    const a = (await send(user, bot.id, "first")).body.message;
    const b = (await send(user, bot.id, "second")).body.message;
    await bot.api("pinChatMessage", { chat_id: user.user.id, message_id: a.id });
    await bot.api("pinChatMessage", { chat_id: user.user.id, message_id: b.id });
    const ids = async () => (await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat.pinnedMessageIds;
    expect(await ids()).toEqual([b.id, a.id]);
    expect(await bot.api("unpinChatMessage", { chat_id: user.user.id })).toEqual({ ok: true, result: true });
    expect(await ids()).toEqual([a.id]);
    expect(await bot.api("unpinChatMessage", { chat_id: user.user.id, message_id: b.id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to unpin not found" });
    await bot.api("pinChatMessage", { chat_id: user.user.id, message_id: b.id });
    expect(await bot.api("unpinAllChatMessages", { chat_id: user.user.id })).toEqual({ ok: true, result: true });
    expect(await ids()).toEqual([]);
    expect(await bot.api("unpinChatMessage", { chat_id: user.user.id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to unpin not found" });
    const [shown] = (await history(user, bot.id)).filter((x) => x.id === a.id);
    expect(shown.pinned).toBeUndefined();
  });

  it("in a group: owner and admins pin; a bot only as an admin", async () => {
    const plain = await groupWithBot(false);
    const m = (await send(plain.member, plain.groupId, "important")).body.message;
    expect(await plain.bot.api("pinChatMessage", { chat_id: plain.groupId, message_id: m.id })).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: not enough rights to manage pinned messages in the chat",
    });
    const byMember = await call("POST", `/api/v1/chats/${plain.groupId}/messages/${m.id}/pin`, { token: plain.member.token });
    expect(byMember.status).toBe(403);
    expect((await call("GET", `/api/v1/chats/${plain.groupId}`, { token: plain.owner.token })).body.chat.pinnedMessageIds).toEqual([]);
    expect((await call("POST", `/api/v1/chats/${plain.groupId}/messages/${m.id}/pin`, { token: plain.owner.token })).status).toBe(200);
    expect((await call("DELETE", `/api/v1/chats/${plain.groupId}/messages/${m.id}/pin`, { token: plain.member.token })).status).toBe(403);

    const admin = await groupWithBot(true);
    const m2 = (await send(admin.member, admin.groupId, "important")).body.message;
    expect(await admin.bot.api("pinChatMessage", { chat_id: admin.groupId, message_id: m2.id })).toEqual({ ok: true, result: true });
    expect((await call("GET", `/api/v1/chats/${admin.groupId}`, { token: admin.member.token })).body.chat.pinnedMessageIds).toEqual([m2.id]);
  });
});
