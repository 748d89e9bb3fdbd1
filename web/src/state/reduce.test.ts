import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChatListItem, Message } from "../types.ts";
import { initialState, type AppState, type Pending } from "./model.ts";
import { reduce, TYPING_MS, type Action } from "./reduce.ts";

const alice = { id: 1, handle: "alice", displayName: "Alice" };
const bob = { id: 2, handle: "bob", displayName: "Bob" };

function msg(id: number, from = bob, extra: Partial<Message> = {}): Message {
  return { id, chatId: 2, from, date: 1000 + id, text: `m${id}`, ...extra };
}

function chat(id: number, last: Message | null = null, unread = 0): ChatListItem {
  return { id, type: "private", title: `chat ${id}`, lastMessage: last, unread };
}

function pending(clientMsgId: string, extra: Partial<Pending> = {}): Pending {
  return { chatId: 2, clientMsgId, text: "hello", date: 1, state: "sending", ...extra };
}

function run(s: AppState, ...actions: Action[]): AppState {
  return actions.reduce((acc, a) => reduce(acc, a, 10_000), s);
}

const signedIn = run(initialState, { type: "signed_in", me: alice, outbox: [] }, { type: "chats_loaded", chats: [chat(2), chat(3)] });

test("my own message replaces the placeholder with its clientMsgId, not one with the same text", () => {
  const s = run(
    signedIn,
    { type: "chat_opened", chatId: 2 },
    { type: "page_loaded", chatId: 2, messages: [], older: false, full: false },
    { type: "queued", pending: pending("a") },
    { type: "queued", pending: pending("b") },
  );
  const echoed = run(s, { type: "message", chatId: 2, message: msg(5, alice, { text: "hello", clientMsgId: "b" }), unread: 0 });
  assert.deepEqual(
    echoed.pending.map((p) => p.clientMsgId),
    ["a"],
  );
  assert.deepEqual(
    echoed.history[2]!.messages.map((m) => m.id),
    [5],
  );
  // Sending reads the chat up to my message.
  assert.equal(echoed.reads[2]![alice.id], 5);
  // The POST's answer after the stream's echo changes nothing twice.
  const answered = run(echoed, { type: "sent", chatId: 2, clientMsgId: "b", message: msg(5, alice, { text: "hello", clientMsgId: "b" }) });
  assert.deepEqual(
    answered.history[2]!.messages.map((m) => m.id),
    [5],
  );
});

test("someone else's message with my text leaves my placeholder alone", () => {
  const s = run(signedIn, { type: "queued", pending: pending("a") });
  const next = run(s, { type: "message", chatId: 2, message: msg(6, bob, { text: "hello" }), unread: 1 });
  assert.equal(next.pending.length, 1);
  assert.equal(next.chats[0]!.unread, 1);
});

test("a failed send becomes unsent, then sending again, keeping its clientMsgId", () => {
  const s = run(signedIn, { type: "queued", pending: pending("a") }, { type: "send_failed", clientMsgId: "a", state: "unsent", reason: "offline" });
  assert.equal(s.pending[0]!.state, "unsent");
  const again = run(s, { type: "sending", clientMsgId: "a" });
  assert.equal(again.pending[0]!.state, "sending");
  assert.equal(again.pending[0]!.reason, undefined);
  assert.equal(run(again, { type: "discarded", clientMsgId: "a" }).pending.length, 0);
});

test("a message moves its chat to the top and keeps the others as they were", () => {
  const s = run(signedIn, { type: "message", chatId: 3, message: { ...msg(1), chatId: 3 }, unread: 1 });
  assert.deepEqual(
    s.chats.map((c) => c.id),
    [3, 2],
  );
  assert.equal(s.chats[1], signedIn.chats[0]);
});

test("typing changes only its chat's slice, and expires", () => {
  const s = run(signedIn, { type: "typing", chatId: 3, userId: 9, handle: "carol" });
  const t = reduce(s, { type: "typing", chatId: 2, userId: 2, handle: "bob" }, 10_000);
  assert.equal(t.typing[3], s.typing[3]);
  assert.equal(t.chats, s.chats);
  assert.equal(t.history, s.history);
  assert.equal(t.typing[2]![0]!.until, 10_000 + TYPING_MS);
  // My own typing (another device) is not shown.
  assert.equal(reduce(t, { type: "typing", chatId: 2, userId: alice.id, handle: "alice" }, 0), t);
  // Nothing expired yet: the same state, so nobody re-renders.
  assert.equal(reduce(t, { type: "typing_expired" }, 10_001), t);
  assert.deepEqual(reduce(t, { type: "typing_expired" }, 10_000 + TYPING_MS).typing, {});
  // A message from the typist ends the indicator.
  assert.equal(run(t, { type: "message", chatId: 2, message: msg(7), unread: 1 }).typing[2]!.length, 0);
});

test("a refused chat is unavailable, and a later page clears that", () => {
  const s = run(signedIn, { type: "chat_opened", chatId: 999 }, { type: "chat_unavailable", chatId: 999, reason: "no such chat" });
  assert.equal(s.history[999]!.unavailable, "no such chat");
  assert.equal(s.history[999]!.loaded, false);
  const loaded = run(s, { type: "page_loaded", chatId: 999, messages: [msg(1)], older: false, full: false });
  assert.equal(loaded.history[999]!.unavailable, undefined);
  assert.equal(loaded.history[999]!.loaded, true);
});

test("a live message held before the first page is merged into it; a full page has older ones", () => {
  const s = run(signedIn, { type: "chat_opened", chatId: 2 }, { type: "message", chatId: 2, message: msg(60), unread: 1 });
  assert.equal(s.history[2]!.loaded, false);
  const page = Array.from({ length: 50 }, (_, i) => msg(i + 10));
  const loaded = run(s, { type: "page_loaded", chatId: 2, messages: page, older: false, full: true });
  assert.equal(loaded.history[2]!.messages.length, 51);
  assert.equal(loaded.history[2]!.hasOlder, true);
  const older = run(loaded, { type: "page_loaded", chatId: 2, messages: [msg(9)], older: true, full: false });
  assert.equal(older.history[2]!.messages[0]!.id, 9);
  assert.equal(older.history[2]!.hasOlder, false);
});

test("a stale page does not undo a live edit", () => {
  const s = run(
    signedIn,
    { type: "chat_opened", chatId: 2 },
    { type: "page_loaded", chatId: 2, messages: [msg(1)], older: false, full: false },
    { type: "message_edited", chatId: 2, message: msg(1, bob, { text: "edited", editDate: 5 }) },
    { type: "page_loaded", chatId: 2, messages: [msg(1)], older: false, full: false },
  );
  assert.equal(s.history[2]!.messages[0]!.text, "edited");
});

test("a truncated sync drops the held history with its gap", () => {
  const s = run(signedIn, { type: "page_loaded", chatId: 2, messages: [msg(1)], older: false, full: false });
  assert.equal(run(s, { type: "synced" }), s);
  assert.equal(run(s, { type: "synced", truncated: [2] }).history[2], undefined);
});

test("read receipts only move forward; my own read sets my unread count", () => {
  const s = run(signedIn, { type: "read", chatId: 2, userId: 2, messageId: 5 }, { type: "read", chatId: 2, userId: 2, messageId: 3 });
  assert.equal(s.reads[2]![2], 5);
  assert.equal(run(s, { type: "read", chatId: 2, userId: alice.id, messageId: 5, unread: 0 }).chats.find((c) => c.id === 2)!.unread, 0);
});

test("a callback answer stops the spinners of that message's buttons only", () => {
  const s = run(signedIn, { type: "press_started", key: "2:5:a" }, { type: "press_started", key: "2:6:a" });
  const answered = run(s, { type: "callback_answer", chatId: 2, messageId: 5, callbackQueryId: "q" });
  assert.deepEqual(Object.keys(answered.pressing), ["2:6:a"]);
});

test("details set the members' read cursors and the block", () => {
  const s = run(signedIn, {
    type: "details_loaded",
    chat: { id: 2, type: "private", title: "Bob", members: [{ ...bob, role: "member", readId: 4 }], blocked: true },
  });
  assert.equal(s.reads[2]![2], 4);
  assert.equal(s.blocked[2], true);
});

test("a change to a message (a vote, a reaction) replaces it in history and in the pinned bar, and nowhere else", () => {
  const details = { id: 2, type: "private" as const, title: "Bob", members: [], pinnedMessageIds: [4], pinnedMessage: msg(4) };
  const s = run(
    signedIn,
    { type: "chat_opened", chatId: 2 },
    { type: "page_loaded", chatId: 2, messages: [msg(4), msg(5)], older: false, full: false },
    { type: "details_loaded", chat: details },
  );
  const reacted = msg(4, bob, { reactions: [{ emoji: "👍", count: 1, userIds: [1] }], pinned: true });
  const next = run(s, { type: "message_edited", chatId: 2, message: reacted });
  assert.deepEqual(next.history[2]!.messages[0], reacted);
  assert.equal(next.details[2]!.pinnedMessage, reacted);
  const other = run(s, { type: "message_edited", chatId: 2, message: msg(5, bob, { reactions: [{ emoji: "🔥", count: 1, userIds: [2] }] }) });
  assert.equal(other.details, s.details, "a change to another message leaves the details alone");
});

test("an answer reads the chat for its sender: my messages before it show as read at once", () => {
  const mine = run(signedIn, { type: "message", chatId: 2, message: msg(5, alice), unread: 0 });
  assert.equal(mine.reads[2]?.[bob.id], undefined);
  const answered = run(mine, { type: "message", chatId: 2, message: msg(6, bob), unread: 1 });
  assert.equal(answered.reads[2]![bob.id], 6);
});

test("a deleted message leaves no content behind: a reply quotes it no more, a pin's notice names it as gone", () => {
  const pinned = msg(5, bob, { text: "secret", location: { latitude: 48.85837, longitude: 2.294481 } });
  const s = run(
    signedIn,
    { type: "chat_opened", chatId: 2 },
    {
      type: "page_loaded",
      chatId: 2,
      messages: [pinned, msg(6, alice, { text: "", pinnedMessage: pinned }), msg(7, alice, { text: "re", replyTo: 5, replyToMessage: pinned }), msg(8)],
      older: false,
      full: false,
    },
    { type: "message_deleted", chatId: 2, messageId: 5, unread: 0 },
  );
  const held = s.history[2]!.messages;
  assert.deepEqual(held.map((m) => m.id), [6, 7, 8]);
  assert.deepEqual(held[0]!.pinnedMessage, { id: 5, chatId: 2, from: bob, date: 0, text: "" });
  assert.equal(held[1]!.replyToMessage, undefined);
  assert.equal(held[1]!.replyTo, 5);
  assert.ok(!JSON.stringify(held).includes("secret"));
  assert.ok(!JSON.stringify(held).includes("48.85837"));
});
