// How guessable a new password is, estimated by zxcvbn-ts with its common-password and
// common-name dictionaries (shipped in the npm package; nothing is fetched). A password must
// score at least 2 of 4 ("somewhat guessable": more than 10^6 guesses), which refuses
// `12345678`, `password1` and keyboard walks. The estimator is built on first use, so only
// registration and password changes pay for loading the dictionaries.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

const MIN_SCORE = 2;

let estimator: ZxcvbnFactory | null = null;

/** Why the password is too weak, or null when it will do. `userInputs` (handle, name) count as known words. */
export function passwordProblem(password: string, userInputs: string[]): string | null {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  const r = estimator.check(password.slice(0, 100), userInputs.filter(Boolean));
  return r.score >= MIN_SCORE ? null : "too easy to guess; use a longer mix of words, not a common password or a sequence";
}
