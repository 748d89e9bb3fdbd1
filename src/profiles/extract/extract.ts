// The offline extractor's one entry point: every recogniser runs over the text, then
// overlapping candidates are settled (surest first, then longest), so each character
// belongs to at most one fact. Pure and runtime-agnostic (web standards only): the
// Worker, Deno tests and `npm run extract` all call this function.
import { recogniseAddresses } from "./addresses.ts";
import { recogniseAmounts } from "./amounts.ts";
import { recogniseEmails, recognisePhones } from "./contact.ts";
import { recogniseDates } from "./dates.ts";
import { recogniseInterests } from "./interests.ts";
import { recogniseNames } from "./names.ts";
import { recogniseOrganisations } from "./organisations.ts";
import { recognisePositions } from "./positions.ts";
import type { Context, ExtractOptions, Fact, Recogniser, Token } from "./types.ts";

export type { ExtractOptions, Fact, FactType, Segmenter } from "./types.ts";

/** Longest text the extractor looks at; a chat message beyond it is cut (bounded work). */
export const MAX_TEXT = 8_000;

const RECOGNISERS: Recogniser[] = [
  recogniseEmails,
  recognisePhones,
  recogniseDates,
  recogniseAmounts,
  recogniseAddresses,
  recogniseOrganisations,
  recognisePositions,
  recogniseNames,
  recogniseInterests,
];

/** Places each tagged word in the text (the segmenter gives words in order, without offsets). */
export function placeTokens(text: string, words: { word: string; tag: string }[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const { word, tag } of words) {
    const start = text.indexOf(word, at);
    if (start < 0) continue;
    tokens.push({ word, tag, start, end: start + word.length });
    at = start + word.length;
  }
  return tokens;
}

/** Keeps the surest candidate where two overlap; ties go to the longer, then the earlier. */
export function settleOverlaps(candidates: Fact[]): Fact[] {
  const order = [...candidates].sort((a, b) => b.confidence - a.confidence || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Fact[] = [];
  for (const c of order) {
    if (c.end <= c.start) continue;
    if (kept.some((k) => k.start < c.end && c.start < k.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function extractFacts(input: string, options: ExtractOptions = {}): Fact[] {
  const text = input.slice(0, MAX_TEXT);
  const tokens = options.segmenter && /[\u4e00-\u9fff]/.test(text) ? placeTokens(text, options.segmenter.tag(text)) : null;
  const context: Context = { text, now: options.now ?? new Date(), tokens };
  return settleOverlaps(RECOGNISERS.flatMap((recognise) => recognise(context)));
}
