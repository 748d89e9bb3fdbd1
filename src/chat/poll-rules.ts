// Polls, as Telegram runs them: who may vote and how, and what each member sees of the
// tallies. Pure: the votes are counted from their rows each time a poll is shown, so no stored
// count can drift from the votes.
import type { Poll } from "../protocol/messages.ts";

export type VoteRefusal = "poll_closed" | "bad_vote" | "vote_final";

/** Whether the poll takes no more votes: stopped, or past its close date (it closes by itself). */
export function pollClosed(poll: Pick<Poll, "isClosed" | "closeDate">, now: number): boolean {
  return poll.isClosed || (poll.closeDate !== undefined && now >= poll.closeDate);
}

/**
 * Why `options` cannot be the voter's answer, or null. `prior` is the answer they hold ([]
 * for none); `options` [] takes it back. As in Telegram: option ids name the poll's options,
 * each once; one answer unless the poll allows several (a quiz never does); a quiz answer is
 * final, neither changed nor taken back; a closed poll takes nothing.
 */
export function voteRefusal(poll: Poll, prior: number[], options: number[], now: number): VoteRefusal | null {
  if (pollClosed(poll, now)) return "poll_closed";
  if (options.some((o) => !Number.isInteger(o) || o < 0 || o >= poll.options.length)) return "bad_vote";
  if (new Set(options).size !== options.length) return "bad_vote";
  if (options.length > 1 && (poll.type === "quiz" || !poll.allowsMultipleAnswers)) return "bad_vote";
  if (poll.type === "quiz" && prior.length > 0) return "vote_final";
  return null;
}

/** Whether an answer differs from the one held (order does not matter). */
export function answerChanged(prior: number[], options: number[]): boolean {
  const a = [...prior].sort((x, y) => x - y);
  const b = [...options].sort((x, y) => x - y);
  return a.length !== b.length || a.some((x, i) => x !== b[i]);
}

/** An answer as stored and sent: option ids in ascending order. */
export function normalAnswer(options: number[]): number[] {
  return [...options].sort((x, y) => x - y);
}

/**
 * The poll with its tallies counted from `answers` (one per voter, none empty), the closing
 * applied once its date is past, and `mine` as the viewer's own answer.
 */
export function tallied(poll: Poll, answers: number[][], now: number, mine?: number[]): Poll {
  const counts = poll.options.map(() => 0);
  for (const a of answers) for (const o of a) if (o >= 0 && o < counts.length) counts[o]! += 1;
  const out: Poll = {
    ...poll,
    options: poll.options.map((o, i) => ({ text: o.text, voterCount: counts[i]! })),
    totalVoterCount: answers.filter((a) => a.length > 0).length,
    isClosed: pollClosed(poll, now),
  };
  delete out.chosen;
  if (mine?.length) out.chosen = mine;
  return out;
}

/**
 * The poll as a member sees it. A quiz keeps its answer and explanation from members who
 * have not answered while it is open (the sender always sees them), as Telegram's clients
 * learn them only with their own answer.
 */
export function pollSeenBy(poll: Poll, isSender: boolean): Poll {
  if (poll.type !== "quiz" || isSender || poll.isClosed || poll.chosen?.length) return poll;
  const { correctOptionId: _answer, explanation: _why, ...rest } = poll;
  return rest;
}
