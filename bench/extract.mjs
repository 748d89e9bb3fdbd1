// The offline profile extractor's throughput, in process (bench/README.md, "profile
// extraction"): `extractFacts` as the Worker runs it (no segmenter), and with jieba (the Node
// segmenter the scripts use), over the chat lines of eval/extract, beside a trivial pass over
// the same lines (only an e-mail and a phone regex) as the baseline.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const { extractFacts } = await import("../src/profiles/extract/extract.ts");
const { loadJiebaFromNodeModules } = await import("../src/profiles/extract/node-jieba.ts");

/** Every chat line of both splits (Chinese and English), as `npm run eval:extract` reads them. */
export function evalLines() {
  const lines = [];
  for (const split of ["dev", "test"]) {
    const text = readFileSync(new URL(`../eval/extract/${split}.jsonl`, import.meta.url), "utf8");
    for (const row of text.trim().split("\n")) lines.push(JSON.parse(row).text);
  }
  if (lines.length === 0) throw new Error("eval/extract has no lines");
  return lines;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\d[\d -]{5,}\d/g;

/** The baseline: what the cheapest contact scan finds, and nothing else. */
export function trivialPass(text) {
  return [...text.matchAll(EMAIL), ...text.matchAll(PHONE)].length;
}

/** Passes over `lines` for about `seconds`, unrecorded: V8's JIT needs a few seconds here. */
function warmUp(lines, fns, seconds, maxPasses) {
  const until = performance.now() + seconds * 1000;
  for (let pass = 0; pass < maxPasses && performance.now() < until; pass++) for (const fn of fns) for (const line of lines) fn(line);
}

/**
 * Runs `fn` over all `lines`, pass after pass, for at least `seconds` (and at least 3 passes,
 * at most `maxPasses`). Returns messages per second and the facts found per pass (so the work
 * cannot be optimised away, and for the record).
 */
function measure(lines, fn, seconds, maxPasses) {
  let found = 0;
  for (const line of lines) found += fn(line);
  const perPass = found;
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  while (passes < maxPasses && (passes < 3 || elapsed < seconds * 1000)) {
    for (const line of lines) found += fn(line);
    passes++;
    elapsed = performance.now() - start;
  }
  const messages = passes * lines.length;
  return { messages, passes, seconds: elapsed / 1000, msgsPerSec: messages / (elapsed / 1000), foundPerPass: perPass, usPerMsg: (elapsed * 1000) / messages };
}

/**
 * `{offline, jieba, baseline}`: each a throughput record. `now` is fixed (the eval's reference
 * time), as dates are read relative to it.
 */
export function measureExtraction({ seconds = 3, warmupSeconds = 3, maxPasses = 100_000 } = {}) {
  const lines = evalLines();
  const now = new Date("2026-01-15T09:00:00Z");
  const segmenter = loadJiebaFromNodeModules();
  const offline = (t) => extractFacts(t, { now }).length;
  const jieba = (t) => extractFacts(t, { now, segmenter }).length;
  warmUp(lines, [offline, jieba, trivialPass], warmupSeconds, maxPasses);
  return {
    lines: lines.length,
    offline: measure(lines, offline, seconds, maxPasses),
    jieba: measure(lines, jieba, seconds, maxPasses),
    baseline: measure(lines, trivialPass, seconds, maxPasses),
  };
}
