import { test } from "node:test";
import assert from "node:assert/strict";
import { chatAllowed, inlineText, parseInlineQuery } from "./inline.ts";

test("'@bot query' is an inline query to the bot; the space after the username starts it", () => {
  assert.deepEqual(parseInlineQuery("@somebot cats"), { username: "somebot", query: "cats" });
  assert.deepEqual(parseInlineQuery("@SomeBot "), { username: "SomeBot", query: "" });
  assert.deepEqual(parseInlineQuery("@cat_pics_bot fluffy  white\nones"), { username: "cat_pics_bot", query: "fluffy  white\nones" });
  assert.equal(parseInlineQuery("@somebot"), null);
});

test("other text is not: a mention of a person, a username mid-text, a command", () => {
  assert.equal(parseInlineQuery("@alice hi"), null);
  assert.equal(parseInlineQuery("hi @somebot cats"), null);
  assert.equal(parseInlineQuery(" @somebot cats"), null);
  assert.equal(parseInlineQuery("/start"), null);
  assert.equal(parseInlineQuery("@1bot x"), null);
});

test("queries are cut at Telegram's 256 characters", () => {
  assert.equal(parseInlineQuery(`@somebot ${"x".repeat(300)}`)!.query.length, 256);
});

test("a switch button writes '@bot query' back", () => {
  assert.deepEqual(parseInlineQuery(inlineText("somebot", "dogs")), { username: "somebot", query: "dogs" });
});

test("a chosen-chat switch offers only the kinds of chat it allows", () => {
  const group = { type: "group" as const, isBot: false };
  const person = { type: "private" as const, isBot: false };
  const bot = { type: "private" as const, isBot: true };
  assert.ok([group, person, bot].every((c) => chatAllowed(undefined, c)));
  assert.deepEqual([group, person, bot].map((c) => chatAllowed({ allow_group_chats: true }, c)), [true, false, false]);
  assert.deepEqual([group, person, bot].map((c) => chatAllowed({ allow_user_chats: true, allow_bot_chats: true }, c)), [false, true, true]);
});
