// npm run eval:cluener -- FILE [--errors]: scores the offline extractor on CLUENER2020 rows
// (a public Chinese NER benchmark, labelled by other people; see eval/extract/README.md), rules
// only and with jieba, beside the human F1 published for the benchmark.
// Mapping: name, company, position, address -> the same type; organization and government ->
// organization. book, game, movie and scene have no counterpart and are not scored. The
// extractor's phone, email, date, amount and interest facts are dropped (CLUENER has no such labels).
// Exact spans (same type, start, end) and relaxed spans (same type, overlapping) as in eval-extract.ts.
// --errors prints each line's misses and false hits (with jieba): to read, never to tune on.
import { readFileSync } from "node:fs";
import { extractFacts, type Segmenter } from "../src/profiles/extract/extract.ts";
import { loadJiebaFromNodeModules } from "../src/profiles/extract/node-jieba.ts";
import { toCodePointOffset } from "../src/profiles/extract/offsets.ts";
import { CATEGORY_MAP, HUMAN_F1, IGNORED_CATEGORIES, parseCluener, type CluenerRow } from "./cluener.ts";
import { exact, match, overlap, pct, prf, zero, type Span } from "./eval-scoring.ts";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const showErrors = args.includes("--errors");
if (!file) {
  console.error("usage: npm run eval:cluener -- FILE [--errors]   (FILE: CLUENER2020 JSON lines, e.g. dev.json)");
  process.exit(2);
}

let rows: CluenerRow[];
try {
  rows = parseCluener(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`eval:cluener: ${file}: ${(e as Error).message}`);
  process.exit(1);
}

const now = new Date("2026-01-15T09:00:00Z");
const TYPES = ["name", "company", "position", "address", "organization"];
const CATEGORIES = Object.keys(CATEGORY_MAP);
const human = (t: string) => (t === "organization" ? `${pct(HUMAN_F1.organization!)} org / ${pct(HUMAN_F1.government!)} gov` : pct(HUMAN_F1[t]!));

// What the file holds.
const ignored: Record<string, number> = {};
for (const r of rows) for (const [c, n] of Object.entries(r.ignored)) ignored[c] = (ignored[c] ?? 0) + n;
const mismatched = rows.reduce((n, r) => n + r.mismatched, 0);
const goldCount = rows.reduce((n, r) => n + r.gold.length, 0);
const byCategory = (c: string) => rows.reduce((n, r) => n + r.gold.filter((g) => g.category === c).length, 0);
console.log(`CLUENER2020 ${file}: ${rows.length} lines, ${goldCount} gold entities scored (${CATEGORIES.map((c) => `${c} ${byCategory(c)}`).join(", ")}; government counts as organization).`);
console.log(`Not scored: ${IGNORED_CATEGORIES.map((c) => `${c} ${ignored[c] ?? 0}`).join(", ")} (no counterpart in our types)${Object.keys(ignored).filter((c) => !(IGNORED_CATEGORIES as readonly string[]).includes(c)).map((c) => `, unknown category ${c} ${ignored[c]}`).join("")}; the extractor's phone, email, date, amount and interest facts (CLUENER does not label them).`);
if (mismatched) console.log(`Dropped ${mismatched} gold spans whose characters differ from their entity.`);

function run(label: string, segmenter: Segmenter | undefined): void {
  const strict = new Map(TYPES.map((t) => [t, zero()]));
  const relaxed = new Map(TYPES.map((t) => [t, zero()]));
  // Recall per CLUENER category (precision cannot be split: a false hit has no gold category).
  const recall = new Map(CATEGORIES.map((c) => [c, { gold: 0, exact: 0, relaxed: 0 }]));
  const started = performance.now();
  for (const row of rows) {
    const found: Span[] = extractFacts(row.text, { now, segmenter })
      .filter((f) => TYPES.includes(f.type))
      .map((f) => ({ type: f.type, text: f.text, start: toCodePointOffset(row.text, f.start), end: toCodePointOffset(row.text, f.end) }));
    for (const g of row.gold) recall.get(g.category)!.gold++;
    for (const [table, same, key] of [[strict, exact, "exact"], [relaxed, overlap, "relaxed"]] as const) {
      const m = match(row.gold, found, same);
      for (const s of m.tp) table.get(s.type)!.tp++;
      for (const s of m.fp) table.get(s.type)!.fp++;
      for (const s of m.fn) table.get(s.type)!.fn++;
      for (const g of row.gold) if (!m.fn.includes(g)) recall.get(g.category)![key]++;
      if (showErrors && segmenter && table === strict && (m.fp.length || m.fn.length)) {
        console.log(`${row.text}\n   missed: ${m.fn.map((s) => `${s.category}:${s.text}`).join(" | ")}\n   wrong:  ${m.fp.map((s) => `${s.type}:${s.text}`).join(" | ")}`);
      }
    }
  }
  const ms = performance.now() - started;
  console.log(`\n${label}, ${(rows.length / (ms / 1000)).toFixed(0)} lines/s`);
  console.log("type           |  gold | exact P  R      F1    | relaxed P  R     F1    | human F1");
  const totalS = zero();
  const totalR = zero();
  const f1s: [number, number][] = [];
  for (const t of TYPES) {
    const s = strict.get(t)!;
    const r = relaxed.get(t)!;
    for (const k of ["tp", "fp", "fn"] as const) { totalS[k] += s[k]; totalR[k] += r[k]; }
    const [sp, sr, sf] = prf(s);
    const [rp, rr, rf] = prf(r);
    f1s.push([sf, rf]);
    console.log(`${t.padEnd(14)} | ${String(s.tp + s.fn).padStart(5)} | ${pct(sp)} ${pct(sr)} ${pct(sf)} | ${pct(rp)} ${pct(rr)} ${pct(rf)} | ${human(t)}`);
  }
  const [sp, sr, sf] = prf(totalS);
  const [rp, rr, rf] = prf(totalR);
  console.log(`${"all (micro)".padEnd(14)} | ${String(totalS.tp + totalS.fn).padStart(5)} | ${pct(sp)} ${pct(sr)} ${pct(sf)} | ${pct(rp)} ${pct(rr)} ${pct(rf)} | -`);
  const macro = (i: 0 | 1) => f1s.reduce((n, f) => n + f[i], 0) / f1s.length;
  console.log(`${"macro F1 (5)".padEnd(14)} |       |             ${pct(macro(0))} |             ${pct(macro(1))} | ${pct(HUMAN_F1.overallMacro!)} (macro over all 10 categories)`);
  console.log(`recall by CLUENER category, exact / relaxed: ${CATEGORIES.map((c) => { const x = recall.get(c)!; return `${c} ${pct(x.exact / x.gold)} / ${pct(x.relaxed / x.gold)} (${x.gold})`; }).join(", ")}`);
}

run("rules only", undefined);
run("with jieba", loadJiebaFromNodeModules());

