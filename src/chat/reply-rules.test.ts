import { test } from "node:test";
import assert from "node:assert/strict";
import { checkedReply } from "./reply-rules.ts";

const exists = (id: number) => id === 1;

test("a reply to a message that exists is kept", () => {
  assert.deepEqual(checkedReply({ text: "a", replyTo: 1 }, exists), { text: "a", replyTo: 1 });
  assert.deepEqual(checkedReply({ text: "a", replyTo: 1, replyOptional: true }, exists), { text: "a", replyTo: 1 });
});

test("a reply to a missing message is refused, unless the sender allowed sending without it", () => {
  assert.equal(checkedReply({ text: "a", replyTo: 2 }, exists), null);
  assert.deepEqual(checkedReply({ text: "a", replyTo: 2, replyOptional: true }, exists), { text: "a" });
});

test("a message that replies to nothing passes as it is", () => {
  assert.deepEqual(checkedReply({ text: "a", replyOptional: true }, exists), { text: "a" });
});
