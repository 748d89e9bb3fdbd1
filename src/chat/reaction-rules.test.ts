import { test } from "node:test";
import assert from "node:assert/strict";
import { botHearsReaction, botReactionList, MAX_NAMED_REACTORS, reactionEmoji, summarize, toggled } from "./reaction-rules.ts";

test("only Telegram's reaction emoji, with or without a variation selector", () => {
  assert.equal(reactionEmoji("👍"), "👍");
  assert.equal(reactionEmoji("❤️"), "❤");
  assert.equal(reactionEmoji("❤\u200D🔥"), "❤\u200D🔥");
  assert.equal(reactionEmoji("🐈"), null);
  assert.equal(reactionEmoji("👍👍"), null);
  assert.equal(reactionEmoji(""), null);
  assert.equal(reactionEmoji("like"), null);
});

test("a toggle takes an emoji away, or puts it on in place of the one held", () => {
  assert.deepEqual(toggled([], "👍"), ["👍"]);
  assert.deepEqual(toggled(["👍"], "👍"), []);
  assert.deepEqual(toggled(["👍"], "🔥"), ["🔥"], "one emoji per member, as Telegram without Premium");
  assert.deepEqual(toggled(["👍"], "🔥", 3), ["👍", "🔥"]);
});

test("reactions are summed per emoji, the most used first", () => {
  const rows = [
    { userId: 1, emoji: "🔥" },
    { userId: 2, emoji: "👍" },
    { userId: 3, emoji: "👍" },
    { userId: 4, emoji: "🎉" },
  ];
  assert.deepEqual(summarize(rows), [
    { emoji: "👍", count: 2, userIds: [2, 3] },
    { emoji: "🔥", count: 1, userIds: [1] },
    { emoji: "🎉", count: 1, userIds: [4] },
  ]);
  assert.deepEqual(summarize([]), []);
});

test("a crowd is counted whole, naming a bounded few and always the viewer", () => {
  const rows = Array.from({ length: MAX_NAMED_REACTORS + 10 }, (_, i) => ({ userId: i + 1, emoji: "👍" }));
  const [r] = summarize(rows, MAX_NAMED_REACTORS + 10);
  assert.equal(r!.count, MAX_NAMED_REACTORS + 10);
  assert.equal(r!.userIds.length, MAX_NAMED_REACTORS);
  assert.ok(r!.userIds.includes(MAX_NAMED_REACTORS + 10));
});

test("bots hear of people's reactions in private chats, and in groups as admins", () => {
  assert.equal(botHearsReaction("private", "member", false), true);
  assert.equal(botHearsReaction("group", "member", false), false);
  assert.equal(botHearsReaction("group", "admin", false), true);
  assert.equal(botHearsReaction("private", "member", true), false, "never of a bot's reaction");
});

test("a bot names at most one emoji reaction, from Telegram's set", () => {
  assert.deepEqual(botReactionList([]), []);
  assert.deepEqual(botReactionList([{ type: "emoji", emoji: "👍" }]), ["👍"]);
  assert.deepEqual(botReactionList([{ type: "emoji", emoji: "👍" }, { type: "emoji", emoji: "👍" }]), ["👍"]);
  assert.equal(botReactionList([{ type: "emoji", emoji: "👍" }, { type: "emoji", emoji: "🔥" }]), "too_many");
  assert.equal(botReactionList([{ type: "emoji", emoji: "🐈" }]), "invalid");
  assert.equal(botReactionList([{ type: "custom_emoji" }]), "invalid");
  assert.equal(botReactionList([{ type: "paid" }]), "invalid");
});
