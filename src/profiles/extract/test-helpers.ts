// Shared by the extractor's Deno tests: one jieba instance and a fixed reference time.
import { extractFacts, type Fact, type FactType } from "./extract.ts";
import { loadJiebaFromNodeModules } from "./node-jieba.ts";

export const NOW = new Date("2026-01-15T09:00:00Z"); // a Thursday
export const segmenter = loadJiebaFromNodeModules();

/** The texts of the facts of one type found in `text` (with jieba unless `rulesOnly`). */
export function found(text: string, type: FactType, rulesOnly = false): string[] {
  return facts(text, rulesOnly).filter((f) => f.type === type).map((f) => f.text);
}

export function facts(text: string, rulesOnly = false): Fact[] {
  return extractFacts(text, { now: NOW, ...(rulesOnly ? {} : { segmenter }) });
}
