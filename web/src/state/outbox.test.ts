import { test } from "node:test";
import assert from "node:assert/strict";
import type { Pending } from "./model.ts";
import { deserialize, sendOutcome, serialize, toResend } from "./outbox.ts";

const p = (clientMsgId: string, extra: Partial<Pending> = {}): Pending => ({ chatId: 2, clientMsgId, text: "hi", date: 1, state: "unsent", ...extra });

test("an unreachable or failing server is tried again; a refusal waits for the user", () => {
  assert.equal(sendOutcome(0, "network"), "unsent");
  assert.equal(sendOutcome(503, "http"), "unsent");
  assert.equal(sendOutcome(429, "rate_limited"), "unsent");
  assert.equal(sendOutcome(403, "not_member"), "refused");
  assert.equal(sendOutcome(400, "invalid"), "refused");
  assert.equal(sendOutcome(409, "duplicate_deleted"), "drop");
});

test("the unsent go again oldest first; the refused and the in-flight do not", () => {
  const list = [p("b", { date: 2 }), p("a", { date: 1 }), p("c", { state: "refused" }), p("d", { state: "sending" })];
  assert.deepEqual(
    toResend(list).map((x) => x.clientMsgId),
    ["a", "b"],
  );
});

test("texts survive a reload with their clientMsgId, as unsent", () => {
  const raw = serialize([p("a", { state: "sending", text: "kept" })]);
  assert.deepEqual(deserialize(raw), [{ chatId: 2, clientMsgId: "a", text: "kept", date: 1, state: "unsent" }]);
  assert.equal(serialize([]), null);
});

test("a file is not kept; a broken store reads as empty", () => {
  assert.equal(serialize([p("f", { file: new File(["x"], "x.png") })]), null);
  assert.deepEqual(deserialize("{not json"), []);
  assert.deepEqual(deserialize(JSON.stringify([{ chatId: "2" }])), []);
  assert.deepEqual(deserialize(null), []);
});
