// A bot's sendPoll, checked as Telegram checks it, in Telegram's words. Pure.
import type { Poll } from "../protocol/messages.ts";

/** Telegram's bounds: a question of 1-300 characters, 2-12 options of 1-100, an explanation of 0-200 with at most 2 line feeds. */
export const POLL_LIMITS = { question: 300, minOptions: 2, maxOptions: 12, option: 100, explanation: 200, explanationLines: 2 } as const;
/** open_period, and close_date counted from now, must fall in 5-600 seconds. */
export const POLL_PERIOD = { min: 5, max: 600 } as const;

export interface PollParams {
  question: string;
  options: string[];
  is_anonymous?: boolean;
  type?: "regular" | "quiz";
  allows_multiple_answers?: boolean;
  correct_option_id?: number;
  explanation?: string;
  open_period?: number;
  close_date?: number;
  is_closed?: boolean;
}

/**
 * The poll a sendPoll call describes (its id and tallies filled in once stored), or what is
 * wrong with it. As in Telegram: anonymous unless told otherwise; a quiz needs its correct
 * option and never takes several answers; open_period and close_date exclude each other.
 */
export function pollFrom(p: PollParams, now: number): { ok: true; poll: Poll } | { ok: false; problem: string } {
  const problem = (words: string) => ({ ok: false as const, problem: words });
  const question = p.question.trim();
  if (!question) return problem("poll question must be non-empty");
  if (question.length > POLL_LIMITS.question) return problem(`poll question length must not exceed ${POLL_LIMITS.question}`);
  if (p.options.length < POLL_LIMITS.minOptions) return problem("poll must have at least 2 option");
  if (p.options.length > POLL_LIMITS.maxOptions) return problem(`poll can't have more than ${POLL_LIMITS.maxOptions} options`);
  const options = p.options.map((o) => o.trim());
  if (options.some((o) => !o)) return problem("poll options must be non-empty");
  if (options.some((o) => o.length > POLL_LIMITS.option)) return problem(`poll options length must not exceed ${POLL_LIMITS.option}`);
  const quiz = p.type === "quiz";
  if (quiz && (p.correct_option_id === undefined || p.correct_option_id < 0 || p.correct_option_id >= options.length)) {
    return problem("wrong correct option ID specified");
  }
  const explanation = p.explanation?.trim() ?? "";
  if (explanation.length > POLL_LIMITS.explanation) return problem(`poll explanation length must not exceed ${POLL_LIMITS.explanation}`);
  if ((explanation.match(/\n/g)?.length ?? 0) > POLL_LIMITS.explanationLines) return problem("poll explanation must have at most 2 line feeds");
  if (p.open_period !== undefined && p.close_date !== undefined) return problem("open_period and close_date can't be used together");
  const inPeriod = (s: number) => s >= POLL_PERIOD.min && s <= POLL_PERIOD.max;
  if (p.open_period !== undefined && !inPeriod(p.open_period)) return problem("open_period must be between 5 and 600 seconds");
  if (p.close_date !== undefined && !inPeriod(p.close_date - now)) return problem("close_date must be 5 to 600 seconds in the future");

  const poll: Poll = {
    id: "",
    question,
    options: options.map((text) => ({ text, voterCount: 0 })),
    totalVoterCount: 0,
    isClosed: p.is_closed ?? false,
    isAnonymous: p.is_anonymous ?? true,
    type: quiz ? "quiz" : "regular",
    allowsMultipleAnswers: !quiz && (p.allows_multiple_answers ?? false),
  };
  if (quiz) poll.correctOptionId = p.correct_option_id!;
  if (quiz && explanation) poll.explanation = explanation;
  if (p.open_period !== undefined) {
    poll.openPeriod = p.open_period;
    poll.closeDate = now + p.open_period;
  }
  if (p.close_date !== undefined) poll.closeDate = p.close_date;
  return { ok: true, poll };
}
