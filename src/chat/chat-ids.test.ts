// Domain logic is web-standard TypeScript; these tests run under Deno (`npm run test:deno`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { chatIdFor, chatKeyFor, groupChatKey, parseChatKey, privateChatKey } from "./chat-ids.ts";

test("a private chat has one key and each side names it by the peer", () => {
  assert.equal(privateChatKey(7, 3), "p:3:7");
  assert.equal(privateChatKey(3, 7), "p:3:7");
  assert.equal(chatKeyFor(3, 7), "p:3:7");
  assert.equal(chatKeyFor(7, 3), "p:3:7");
  assert.equal(chatIdFor(3, "p:3:7"), 7);
  assert.equal(chatIdFor(7, "p:3:7"), 3);
});

test("groups have negative ids", () => {
  assert.equal(groupChatKey(12), "g:12");
  assert.equal(chatKeyFor(5, -12), "g:12");
  assert.equal(chatIdFor(5, "g:12"), -12);
  assert.deepEqual(parseChatKey("g:12"), { type: "group", groupId: 12 });
});

test("nonsense names no chat", () => {
  assert.equal(chatKeyFor(5, 5), null);
  assert.equal(chatKeyFor(5, 0), null);
  assert.equal(chatKeyFor(5, 1.5), null);
  assert.equal(parseChatKey("x:1"), null);
  assert.throws(() => chatIdFor(1, "nope"));
});
