import { test } from "node:test";
import assert from "node:assert/strict";
import type { Poll } from "../protocol/messages.ts";
import { answerChanged, pollClosed, pollSeenBy, tallied, voteRefusal } from "./poll-rules.ts";

const poll = (over: Partial<Poll> = {}): Poll => ({
  id: "g:1/5",
  question: "Tea?",
  options: [
    { text: "Green", voterCount: 0 },
    { text: "Black", voterCount: 0 },
    { text: "None", voterCount: 0 },
  ],
  totalVoterCount: 0,
  isClosed: false,
  isAnonymous: true,
  type: "regular",
  allowsMultipleAnswers: false,
  ...over,
});

test("a closed poll, or one past its close date, takes no votes", () => {
  assert.equal(voteRefusal(poll({ isClosed: true }), [], [0], 100), "poll_closed");
  assert.equal(voteRefusal(poll({ closeDate: 100 }), [], [0], 100), "poll_closed");
  assert.equal(voteRefusal(poll({ closeDate: 101 }), [], [0], 100), null);
  assert.equal(pollClosed(poll({ closeDate: 100 }), 99), false);
  assert.equal(pollClosed(poll({ closeDate: 100 }), 100), true);
});

test("options name the poll's options, each once; one unless the poll takes several", () => {
  assert.equal(voteRefusal(poll(), [], [3], 0), "bad_vote");
  assert.equal(voteRefusal(poll(), [], [-1], 0), "bad_vote");
  assert.equal(voteRefusal(poll(), [], [0.5], 0), "bad_vote");
  assert.equal(voteRefusal(poll(), [], [0, 1], 0), "bad_vote");
  assert.equal(voteRefusal(poll({ allowsMultipleAnswers: true }), [], [0, 1], 0), null);
  assert.equal(voteRefusal(poll({ allowsMultipleAnswers: true }), [], [1, 1], 0), "bad_vote");
  assert.equal(voteRefusal(poll(), [0], [1], 0), null, "a regular answer may change");
  assert.equal(voteRefusal(poll(), [0], [], 0), null, "and be taken back");
});

test("a quiz takes one answer, for good", () => {
  const quiz = poll({ type: "quiz", correctOptionId: 1, allowsMultipleAnswers: true });
  assert.equal(voteRefusal(quiz, [], [0, 1], 0), "bad_vote");
  assert.equal(voteRefusal(quiz, [], [0], 0), null);
  assert.equal(voteRefusal(quiz, [0], [1], 0), "vote_final");
  assert.equal(voteRefusal(quiz, [0], [], 0), "vote_final");
});

test("an answer changes only when its set of options does", () => {
  assert.equal(answerChanged([0, 2], [2, 0]), false);
  assert.equal(answerChanged([], []), false);
  assert.equal(answerChanged([0], [0, 1]), true);
  assert.equal(answerChanged([0], []), true);
});

test("tallies are counted from the answers, with the viewer's own", () => {
  const t = tallied(poll({ allowsMultipleAnswers: true }), [[0], [0, 1], [2]], 0, [0, 1]);
  assert.deepEqual(t.options.map((o) => o.voterCount), [2, 1, 1]);
  assert.equal(t.totalVoterCount, 3);
  assert.deepEqual(t.chosen, [0, 1]);
  const none = tallied(poll({ chosen: [1] }), [], 0);
  assert.equal(none.chosen, undefined, "another member's choice never shows");
  assert.equal(tallied(poll({ closeDate: 10 }), [], 10).isClosed, true, "shown closed once past its date");
});

test("a quiz hides its answer from members who have not answered while it is open", () => {
  const quiz = poll({ type: "quiz", correctOptionId: 1, explanation: "Because" });
  assert.equal(pollSeenBy(quiz, false).correctOptionId, undefined);
  assert.equal(pollSeenBy(quiz, false).explanation, undefined);
  assert.equal(pollSeenBy(quiz, true).correctOptionId, 1);
  assert.equal(pollSeenBy({ ...quiz, chosen: [0] }, false).correctOptionId, 1);
  assert.equal(pollSeenBy({ ...quiz, isClosed: true }, false).explanation, "Because");
});
