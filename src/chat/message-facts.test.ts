import { test } from "node:test";
import assert from "node:assert/strict";
import type { StoredMessage } from "../protocol/messages.ts";
import { noFacts, withFacts } from "./message-facts.ts";

const from = { id: 1, handle: "a", displayName: "A" };
const poll = {
  id: "g:1/1",
  question: "Q",
  options: [
    { text: "x", voterCount: 9 },
    { text: "y", voterCount: 9 },
  ],
  totalVoterCount: 9,
  isClosed: false,
  isAnonymous: false,
  type: "regular" as const,
  allowsMultipleAnswers: false,
};

test("a message shows the facts as read, not what was stored with it", () => {
  const m: StoredMessage = { id: 1, from, date: 1, text: "", poll, pinned: true, reactions: [{ emoji: "👍", count: 5, userIds: [9] }] };
  const plain = withFacts(m, noFacts, 2, 0);
  assert.equal(plain.pinned, undefined);
  assert.equal(plain.reactions, undefined);
  assert.deepEqual(plain.poll!.options.map((o) => o.voterCount), [0, 0]);
  const shown = withFacts(m, { answers: [[1], [1]], mine: [1], reactions: [{ userId: 2, emoji: "🔥" }], pinned: true }, 2, 0);
  assert.deepEqual(shown.poll!.options.map((o) => o.voterCount), [0, 2]);
  assert.deepEqual(shown.poll!.chosen, [1]);
  assert.deepEqual(shown.reactions, [{ emoji: "🔥", count: 1, userIds: [2] }]);
  assert.equal(shown.pinned, true);
  assert.equal(m.poll!.options[0]!.voterCount, 9, "the stored message is not changed");
});
