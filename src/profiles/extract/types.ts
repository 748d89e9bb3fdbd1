/** What the offline extractor recognises in chat text (ARCHITECTURE.md 4.2). */
export type FactType =
  | "name"
  | "company"
  | "position"
  | "phone"
  | "email"
  | "address"
  | "date"
  | "amount"
  | "interest"
  | "organization";

/**
 * One fact found in a text. `start`/`end` are UTF-16 offsets (`text.slice(start, end)`,
 * end exclusive); `value` is a normalised form where one exists (E.164 phone, ISO date,
 * "50000 CNY"); `role` narrows a date or amount (`birthday`, `budget`).
 */
export interface Fact {
  type: FactType;
  text: string;
  start: number;
  end: number;
  value?: string;
  role?: "birthday" | "budget";
  confidence: number;
}

/** A word with its part-of-speech tag (jieba's tag set: nr person, ns place, nt organisation...). */
export interface TaggedWord {
  word: string;
  tag: string;
}

/**
 * The port to a Chinese segmenter. The extractor works without one (rules and
 * dictionaries only); with one, Chinese names and word boundaries improve.
 */
export interface Segmenter {
  tag(text: string): TaggedWord[];
}

/** A tagged word placed in the text. */
export interface Token extends TaggedWord {
  start: number;
  end: number;
}

export interface ExtractOptions {
  /** The reference time for relative dates ("next Friday"); defaults to the current time. */
  now?: Date;
  segmenter?: Segmenter;
}

/** What every recogniser sees: the text, the reference time and the words when segmented. */
export interface Context {
  text: string;
  now: Date;
  tokens: Token[] | null;
}

export type Recogniser = (context: Context) => Fact[];

export function fact(type: FactType, text: string, start: number, end: number, confidence: number, extra: Partial<Fact> = {}): Fact {
  return { type, text: text.slice(start, end), start, end, confidence, ...extra };
}

/** Escapes a word for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An alternation of words, longest first, so the longest word wins at a position. */
export function alternation(list: readonly string[]): string {
  return [...new Set(list)].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
}
