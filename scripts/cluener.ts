// Reads CLUENER2020 rows (github.com/CLUEbenchmark/CLUENER2020), one JSON object a line:
// {"text": "...", "label": {category: {entity text: [[start, end], ...]}}}, offsets in Unicode
// characters with the end INCLUDED. Turns each row into gold spans in the extractor's types
// (end excluded). Pure; the caller reads the file (eval-cluener.ts).
import type { Span } from "./eval-scoring.ts";

/** CLUENER's categories that have a counterpart among the extractor's types. */
export const CATEGORY_MAP: Readonly<Record<string, string>> = {
  name: "name",
  company: "company",
  position: "position",
  address: "address",
  organization: "organization",
  government: "organization",
};

/** CLUENER's categories with no counterpart (works and places to visit): not scored. */
export const IGNORED_CATEGORIES = ["book", "game", "movie", "scene"] as const;

/**
 * Human F1 per CLUENER category and overall (macro over all ten), as published with the
 * dataset: CLUEbenchmark/CLUENER2020 README.md, table "各个实体的评测结果(F1 score)", column
 * "Human Performance" (the technical report is arXiv 2001.04351).
 */
export const HUMAN_F1: Readonly<Record<string, number>> = {
  name: 0.7449,
  organization: 0.6541,
  position: 0.5538,
  company: 0.4932,
  address: 0.4304,
  game: 0.8039,
  government: 0.7927,
  scene: 0.5185,
  book: 0.717,
  movie: 0.6321,
  overallMacro: 0.6341,
};

export const MAX_LINES = 50_000;
export const MAX_LINE_CHARS = 20_000;
const MAX_SPANS_PER_ROW = 1_000;

/** A gold span with the CLUENER category it came from (government and organization share a type). */
export interface GoldSpan extends Span { category: string }

export interface CluenerRow {
  text: string;
  gold: GoldSpan[];
  /** Entities in categories without a counterpart, by category. */
  ignored: Record<string, number>;
  /** Spans whose characters in `text` differ from the entity they are listed under (dropped). */
  mismatched: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses one line; throws an Error naming the line when it is not a CLUENER row. */
export function parseCluenerLine(line: string, lineNo: number): CluenerRow {
  const fail = (why: string): never => { throw new Error(`line ${lineNo}: ${why}`); };
  if (line.length > MAX_LINE_CHARS) fail(`longer than ${MAX_LINE_CHARS} characters`);
  let row: unknown;
  try { row = JSON.parse(line); } catch { fail("not JSON"); }
  if (!isRecord(row) || typeof row.text !== "string") return fail('not an object with a string "text"');
  const label = row.label ?? {};
  if (!isRecord(label)) return fail('"label" is not an object');
  const chars = Array.from(row.text);
  const gold: GoldSpan[] = [];
  const ignored: Record<string, number> = {};
  let mismatched = 0;
  for (const [category, entities] of Object.entries(label)) {
    if (!isRecord(entities)) return fail(`"label.${category}" is not an object`);
    const type = CATEGORY_MAP[category];
    for (const [entity, spans] of Object.entries(entities)) {
      if (!Array.isArray(spans)) return fail(`spans of "${entity}" are not a list`);
      for (const span of spans) {
        if (!Array.isArray(span) || span.length !== 2 || !span.every((n) => Number.isInteger(n))) return fail(`a span of "${entity}" is not [start, end]`);
        const [start, last] = span as [number, number];
        if (start < 0 || last < start || last >= chars.length) return fail(`span [${start}, ${last}] of "${entity}" is outside the text`);
        if (!type) { ignored[category] = (ignored[category] ?? 0) + 1; continue; }
        if (chars.slice(start, last + 1).join("") !== entity) { mismatched++; continue; }
        gold.push({ type, category, text: entity, start, end: last + 1 });
        if (gold.length > MAX_SPANS_PER_ROW) return fail(`more than ${MAX_SPANS_PER_ROW} entities`);
      }
    }
  }
  return { text: row.text, gold: gold.sort((a, b) => a.start - b.start), ignored, mismatched };
}

/** Parses a whole file's text (blank lines skipped); throws on the first bad line. */
export function parseCluener(content: string): CluenerRow[] {
  const lines = content.split("\n");
  const rows: CluenerRow[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    if (rows.length >= MAX_LINES) throw new Error(`more than ${MAX_LINES} rows`);
    rows.push(parseCluenerLine(line, i + 1));
  });
  return rows;
}
