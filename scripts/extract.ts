// npm run extract: the offline extractor over JSON lines (ARCHITECTURE.md 4.2).
// Reads {"id", "text"} per line on stdin; writes {"id", "entities":[{type, text, start, end}]}
// per line, offsets in Unicode characters (code points) into `text`, end exclusive.
// A line that is not such an object gets {"id", "error"} and the run goes on.
import { createInterface } from "node:readline";
import { extractFacts } from "../src/profiles/extract/extract.ts";
import { loadJiebaFromNodeModules } from "../src/profiles/extract/node-jieba.ts";
import { toCodePointOffset } from "../src/profiles/extract/offsets.ts";

const segmenter = process.env.EXTRACT_NO_JIEBA ? undefined : loadJiebaFromNodeModules();
const now = process.env.EXTRACT_NOW ? new Date(process.env.EXTRACT_NOW) : new Date();

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === "") continue;
  let id: unknown = null;
  try {
    const row = JSON.parse(line) as { id?: unknown; text?: unknown };
    id = row.id ?? null;
    if (typeof row.text !== "string") throw new Error("text must be a string");
    const text = row.text;
    const entities = extractFacts(text, { now, segmenter }).map((f) => ({
      type: f.type,
      text: f.text,
      start: toCodePointOffset(text, f.start),
      end: toCodePointOffset(text, f.end),
    }));
    process.stdout.write(`${JSON.stringify({ id, entities })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ id, error: e instanceof Error ? e.message : String(e) })}\n`);
  }
}
