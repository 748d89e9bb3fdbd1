// Builds eval/extract/<split>.jsonl from the hand-written eval/extract/<split>.txt, where
// [[type:text]] marks a gold entity, so every gold offset is computed, never typed by hand.
// Offsets count Unicode characters (code points), as `npm run extract` writes them.
// Run after editing a .txt: node scripts/build-extract-eval.mjs
import { readFileSync, writeFileSync } from "node:fs";

const dir = new URL("../eval/extract/", import.meta.url);
const MARK = /\[\[([a-z]+):([^\]]+)\]\]/g;

for (const split of ["dev", "test"]) {
  const lines = readFileSync(new URL(`${split}.txt`, dir), "utf8").split("\n");
  const out = [];
  let n = 0;
  for (const raw of lines) {
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    n++;
    let text = "";
    let last = 0;
    const entities = [];
    for (const m of raw.matchAll(MARK)) {
      text += raw.slice(last, m.index);
      const start = [...text].length;
      text += m[2];
      entities.push({ type: m[1], text: m[2], start, end: [...text].length });
      last = m.index + m[0].length;
    }
    text += raw.slice(last);
    if (text.includes("[[") || text.includes("]]")) throw new Error(`unbalanced mark: ${raw}`);
    out.push(JSON.stringify({ id: `${split}-${String(n).padStart(3, "0")}`, text, entities }));
  }
  writeFileSync(new URL(`${split}.jsonl`, dir), `${out.join("\n")}\n`);
  console.log(`${split}: ${out.length} lines`);
}
