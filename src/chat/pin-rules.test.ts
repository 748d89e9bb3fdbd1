import { test } from "node:test";
import assert from "node:assert/strict";
import type { StoredMessage } from "../protocol/messages.ts";
import { canPin, isPinnable, pinSnapshot, unpinTarget } from "./pin-rules.ts";

test("either side pins in a private chat; in a group the owner and admins", () => {
  assert.equal(canPin("private", "member"), true);
  assert.equal(canPin("group", "owner"), true);
  assert.equal(canPin("group", "admin"), true);
  assert.equal(canPin("group", "member"), false);
});

test("an unpin without a message takes the latest pinned; a named one must be pinned", () => {
  assert.equal(unpinTarget([7, 3]), 7);
  assert.equal(unpinTarget([]), null);
  assert.equal(unpinTarget([7, 3], 3), 3);
  assert.equal(unpinTarget([7, 3], 4), null);
});

test("a pin's service message is not pinnable, and shows the pinned message without its reply", () => {
  const from = { id: 1, handle: "a", displayName: "A" };
  const m: StoredMessage = { id: 2, from, date: 1, text: "hi", replyTo: 1, replyToMessage: { id: 1, from, date: 1, text: "x" }, pinned: true, clientMsgId: "k" };
  const snap = pinSnapshot(m);
  assert.equal(snap.replyToMessage, undefined);
  assert.equal(snap.clientMsgId, undefined);
  assert.equal(snap.text, "hi");
  assert.equal(isPinnable(m), true);
  assert.equal(isPinnable({ pinnedMessage: snap }), false);
});
