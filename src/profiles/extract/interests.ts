// Interests: words from the lists, counted only when the writer says they like them
// (喜欢, 爱好, love, into, hobbies) earlier in the same sentence.
import { INTEREST_CUES_EN, INTEREST_CUES_ZH, INTERESTS_EN, INTERESTS_ZH } from "./dictionaries.ts";
import { alternation, fact, type Context, type Fact } from "./types.ts";

const ZH = new RegExp(alternation(INTERESTS_ZH), "g");
const EN = new RegExp(`\\b(?:${alternation(INTERESTS_EN)})\\b`, "gi");
const CUE_ZH = new RegExp(alternation(INTEREST_CUES_ZH));
const CUE_EN = new RegExp(`\\b(?:${alternation(INTEREST_CUES_EN)})\\b`, "i");
const SENTENCE_END = /[。！？!?\n]|[.;](?=\s)/g;

/** The part of the sentence before `index` (up to 30 characters). */
function sentenceBefore(text: string, index: number): string {
  const from = Math.max(0, index - 30);
  const chunk = text.slice(from, index);
  let cut = 0;
  for (const m of chunk.matchAll(SENTENCE_END)) cut = m.index + 1;
  return chunk.slice(cut);
}

export function recogniseInterests({ text }: Context): Fact[] {
  const found: Fact[] = [];
  for (const [re, cue] of [[ZH, CUE_ZH], [EN, CUE_EN]] as const) {
    for (const m of text.matchAll(re)) {
      if (!cue.test(sentenceBefore(text, m.index))) continue;
      found.push(fact("interest", text, m.index, m.index + m[0].length, 0.7, { value: m[0].toLowerCase() }));
    }
  }
  return found;
}
