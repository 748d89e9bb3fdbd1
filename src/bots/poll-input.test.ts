import { test } from "node:test";
import assert from "node:assert/strict";
import { pollFrom } from "./poll-input.ts";

const base = { question: "Tea or coffee?", options: ["Tea", "Coffee"] };
const problem = (r: ReturnType<typeof pollFrom>) => (r.ok ? null : r.problem);

test("a plain poll: anonymous, regular, open, one answer", () => {
  const r = pollFrom(base, 1000);
  assert.ok(r.ok);
  assert.deepEqual(r.poll, {
    id: "",
    question: "Tea or coffee?",
    options: [
      { text: "Tea", voterCount: 0 },
      { text: "Coffee", voterCount: 0 },
    ],
    totalVoterCount: 0,
    isClosed: false,
    isAnonymous: true,
    type: "regular",
    allowsMultipleAnswers: false,
  });
});

test("Telegram's bounds, in Telegram's words", () => {
  assert.equal(problem(pollFrom({ ...base, question: "  " }, 0)), "poll question must be non-empty");
  assert.equal(problem(pollFrom({ ...base, question: "q".repeat(301) }, 0)), "poll question length must not exceed 300");
  assert.equal(problem(pollFrom({ ...base, question: "q".repeat(300) }, 0)), null);
  assert.equal(problem(pollFrom({ ...base, options: ["one"] }, 0)), "poll must have at least 2 option");
  assert.equal(problem(pollFrom({ ...base, options: Array.from({ length: 13 }, (_, i) => `o${i}`) }, 0)), "poll can't have more than 12 options");
  assert.equal(problem(pollFrom({ ...base, options: Array.from({ length: 12 }, (_, i) => `o${i}`) }, 0)), null);
  assert.equal(problem(pollFrom({ ...base, options: ["a", " "] }, 0)), "poll options must be non-empty");
  assert.equal(problem(pollFrom({ ...base, options: ["a", "b".repeat(101)] }, 0)), "poll options length must not exceed 100");
});

test("a quiz needs its correct option, takes one answer, keeps its explanation", () => {
  assert.equal(problem(pollFrom({ ...base, type: "quiz" }, 0)), "wrong correct option ID specified");
  assert.equal(problem(pollFrom({ ...base, type: "quiz", correct_option_id: 2 }, 0)), "wrong correct option ID specified");
  const r = pollFrom({ ...base, type: "quiz", correct_option_id: 1, allows_multiple_answers: true, explanation: "Coffee, always" }, 0);
  assert.ok(r.ok);
  assert.equal(r.poll.correctOptionId, 1);
  assert.equal(r.poll.allowsMultipleAnswers, false);
  assert.equal(r.poll.explanation, "Coffee, always");
  assert.equal(problem(pollFrom({ ...base, type: "quiz", correct_option_id: 0, explanation: "a\nb\nc\nd" }, 0)), "poll explanation must have at most 2 line feeds");
  assert.equal(pollFrom({ ...base, correct_option_id: 0, allows_multiple_answers: true }, 0).ok && true, true, "a regular poll ignores correct_option_id");
});

test("a poll closes after open_period, or at close_date, 5 to 600 seconds away", () => {
  const r = pollFrom({ ...base, open_period: 60 }, 1000);
  assert.ok(r.ok);
  assert.equal(r.poll.closeDate, 1060);
  assert.equal(r.poll.openPeriod, 60);
  assert.equal(problem(pollFrom({ ...base, open_period: 4 }, 0)), "open_period must be between 5 and 600 seconds");
  assert.equal(problem(pollFrom({ ...base, close_date: 1601 }, 1000)), "close_date must be 5 to 600 seconds in the future");
  assert.equal(problem(pollFrom({ ...base, close_date: 1003 }, 1000)), "close_date must be 5 to 600 seconds in the future");
  assert.equal(problem(pollFrom({ ...base, open_period: 60, close_date: 1060 }, 1000)), "open_period and close_date can't be used together");
  const sent = pollFrom({ ...base, is_closed: true, is_anonymous: false }, 0);
  assert.ok(sent.ok && sent.poll.isClosed && !sent.poll.isAnonymous);
});
