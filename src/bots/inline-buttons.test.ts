import { test } from "node:test";
import assert from "node:assert/strict";
import { inlineButton } from "./params.ts";

const refusal = (button: unknown) => {
  const r = inlineButton.safeParse(button);
  return r.success ? null : (r.error.issues[0]?.message ?? "invalid");
};

test("every kind of inline button Telegram has (but games and payments) is taken", () => {
  for (const b of [
    { text: "a", callback_data: "x" },
    { text: "a", url: "https://example.com" },
    { text: "a", web_app: { url: "https://app.example/" } },
    { text: "a", login_url: { url: "https://shop.example/login", request_write_access: true, forward_text: "Log in" } },
    { text: "a", switch_inline_query: "cats" },
    { text: "a", switch_inline_query: "" },
    { text: "a", switch_inline_query_current_chat: "dogs" },
    { text: "a", switch_inline_query_chosen_chat: { query: "q", allow_group_chats: true } },
    { text: "a", copy_text: { text: "PROMO-2024" } },
  ]) {
    assert.equal(refusal(b), null, JSON.stringify(b));
  }
});

test("a button without an action is refused in Telegram's words", () => {
  assert.equal(refusal({ text: "plain" }), "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
});

test("a button with two actions is refused", () => {
  assert.match(refusal({ text: "a", callback_data: "x", url: "https://example.com" }) ?? "", /^can't parse inline keyboard button: .*exactly one action/);
  assert.match(refusal({ text: "a", copy_text: { text: "x" }, switch_inline_query: "" }) ?? "", /^can't parse inline keyboard button/);
});

test("games, payments and a chosen-chat switch allowing no chat are refused", () => {
  assert.match(refusal({ text: "a", callback_game: {} }) ?? "", /^can't parse inline keyboard button: game/);
  assert.match(refusal({ text: "a", pay: true }) ?? "", /^can't parse inline keyboard button: pay/);
  assert.match(refusal({ text: "a", switch_inline_query_chosen_chat: { query: "x" } }) ?? "", /must allow some chats/);
});

test("bounds and schemes: copy_text 1-256, queries 256, web_app and login_url https only", () => {
  assert.notEqual(refusal({ text: "a", copy_text: { text: "x".repeat(257) } }), null);
  assert.notEqual(refusal({ text: "a", copy_text: { text: "" } }), null);
  assert.notEqual(refusal({ text: "a", switch_inline_query: "q".repeat(257) }), null);
  assert.notEqual(refusal({ text: "a", web_app: { url: "http://app.example/" } }), null);
  assert.notEqual(refusal({ text: "a", web_app: { url: "javascript:alert(1)" } }), null);
  assert.notEqual(refusal({ text: "a", login_url: { url: "http://shop.example/" } }), null);
  assert.notEqual(refusal({ text: "a", login_url: { url: "https://shop.example/", bot_username: "not a name" } }), null);
});

test("what passes keeps only the button's known fields", () => {
  const r = inlineButton.safeParse({ text: "a", copy_text: { text: "x", extra: 1 }, unknown: 2 });
  assert.ok(r.success);
  assert.deepEqual(r.data, { text: "a", copy_text: { text: "x" } });
});
