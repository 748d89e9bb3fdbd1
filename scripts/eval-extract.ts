// npm run eval:extract: scores the offline extractor on eval/extract/{dev,test}.jsonl, per
// type: precision, recall and F1 for exact spans (same type, start and end) and for relaxed
// spans (same type, overlapping; each gold entity matched at most once).
// `dev` is the split the rules were tuned on; `test` is held out (never tuned on).
// Flags: --no-jieba (rules only), --split dev|test, --errors (print misses and false hits).
import { readFileSync } from "node:fs";
import { extractFacts } from "../src/profiles/extract/extract.ts";
import { loadJiebaFromNodeModules } from "../src/profiles/extract/node-jieba.ts";
import { toCodePointOffset } from "../src/profiles/extract/offsets.ts";
import { exact, match, overlap, pct, prf, zero, type Counts, type Span } from "./eval-scoring.ts";

interface Row { id: string; text: string; entities: Span[] }

const args = process.argv.slice(2);
const splits = args.includes("--split") ? [args[args.indexOf("--split") + 1]!] : ["dev", "test"];
const showErrors = args.includes("--errors");
const segmenter = args.includes("--no-jieba") ? undefined : loadJiebaFromNodeModules();
const now = new Date("2026-01-15T09:00:00Z");
const TYPES = ["name", "company", "position", "organization", "address", "phone", "email", "date", "amount", "interest"];

for (const split of splits) {
  const rows: Row[] = readFileSync(new URL(`../eval/extract/${split}.jsonl`, import.meta.url), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const strict = new Map(TYPES.map((t) => [t, zero()]));
  const relaxed = new Map(TYPES.map((t) => [t, zero()]));
  const started = performance.now();
  for (const row of rows) {
    const found: Span[] = extractFacts(row.text, { now, segmenter }).map((f) => ({
      type: f.type, text: f.text, start: toCodePointOffset(row.text, f.start), end: toCodePointOffset(row.text, f.end),
    }));
    for (const [table, same] of [[strict, exact], [relaxed, overlap]] as const) {
      const m = match(row.entities, found, same);
      for (const s of m.tp) table.get(s.type)!.tp++;
      for (const s of m.fp) (table.get(s.type) ?? table.set(s.type, zero()).get(s.type)!).fp++;
      for (const s of m.fn) table.get(s.type)!.fn++;
      if (showErrors && table === strict && (m.fp.length || m.fn.length)) {
        console.log(`${row.id} ${row.text}\n   missed: ${m.fn.map((s) => `${s.type}:${s.text}`).join(" | ")}\n   wrong:  ${m.fp.map((s) => `${s.type}:${s.text}`).join(" | ")}`);
      }
    }
  }
  const ms = performance.now() - started;
  const goldCount = rows.reduce((n, r) => n + r.entities.length, 0);
  console.log(`\n${split === "dev" ? "dev (tuned on)" : "test (held out)"}: ${rows.length} lines, ${goldCount} gold entities, ${segmenter ? "with jieba" : "rules only"}, ${(rows.length / (ms / 1000)).toFixed(0)} lines/s`);
  console.log("type           |  gold | exact P  R      F1    | relaxed P  R     F1");
  const totalS = zero();
  const totalR = zero();
  for (const t of TYPES) {
    const s = strict.get(t)!;
    const r = relaxed.get(t)!;
    for (const k of ["tp", "fp", "fn"] as const) { totalS[k] += s[k]; totalR[k] += r[k]; }
    const [sp, sr, sf] = prf(s);
    const [rp, rr, rf] = prf(r);
    console.log(`${t.padEnd(14)} | ${String(s.tp + s.fn).padStart(5)} | ${pct(sp)} ${pct(sr)} ${pct(sf)} | ${pct(rp)} ${pct(rr)} ${pct(rf)}`);
  }
  const [sp, sr, sf] = prf(totalS);
  const [rp, rr, rf] = prf(totalR);
  console.log(`${"all (micro)".padEnd(14)} | ${String(totalS.tp + totalS.fn).padStart(5)} | ${pct(sp)} ${pct(sr)} ${pct(sf)} | ${pct(rp)} ${pct(rr)} ${pct(rf)}`);
}
