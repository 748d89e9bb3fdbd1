// Run with: npx deno test --allow-read scripts/ (scripts/ is outside npm run test:deno's include).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCluener, parseCluenerLine } from "./cluener.ts";
import { exact, match, overlap, prf } from "./eval-scoring.ts";

const line = (text: string, label: unknown) => JSON.stringify({ text, label });

test("closed CLUENER spans become end-exclusive spans; government maps to organization", () => {
  const row = parseCluenerLine(line("北京市消防局的民警王伟", {
    government: { 北京市消防局: [[0, 5]] },
    position: { 民警: [[7, 8]] },
    name: { 王伟: [[9, 10]] },
  }), 1);
  assert.deepEqual(row.gold, [
    { type: "organization", category: "government", text: "北京市消防局", start: 0, end: 6 },
    { type: "position", category: "position", text: "民警", start: 7, end: 9 },
    { type: "name", category: "name", text: "王伟", start: 9, end: 11 },
  ]);
  assert.equal(row.mismatched, 0);
});

test("book, game, movie and scene are counted as ignored, not scored", () => {
  const row = parseCluenerLine(line("玩《魔兽世界》去长城", { game: { "《魔兽世界》": [[1, 6]] }, scene: { 长城: [[8, 9]] } }), 3);
  assert.deepEqual(row.gold, []);
  assert.deepEqual(row.ignored, { game: 1, scene: 1 });
});

test("offsets count Unicode characters, not UTF-16 units; a span off its entity is dropped", () => {
  const row = parseCluenerLine(line("😀张三在𠀋公司", { name: { 张三: [[1, 2]] }, company: { 公司: [[4, 5]] } }), 1);
  assert.deepEqual(row.gold.map((s) => [s.text, s.start, s.end]), [["张三", 1, 3]]);
  assert.equal(row.mismatched, 1); // characters 4-5 are 𠀋公, not 公司
});

test("a row without label has no gold; bad rows fail with their line number", () => {
  assert.deepEqual(parseCluenerLine(JSON.stringify({ text: "你好" }), 1).gold, []);
  assert.throws(() => parseCluenerLine("{not json", 7), /line 7: not JSON/);
  assert.throws(() => parseCluenerLine(line("abc", { name: { abc: [[0, 3]] } }), 2), /line 2: span \[0, 3\]/);
  assert.throws(() => parseCluenerLine(line("abc", { name: { abc: [0, 2] } }), 2), /line 2: a span/);
  assert.throws(() => parseCluener(`${line("a", {})}\n\n[1]\n`), /line 3:/);
});

test("matching: each gold span once, exact needs both ends, relaxed any overlap", () => {
  const gold = [{ type: "position", text: "公关部经理", start: 0, end: 5 }];
  const found = [{ type: "position", text: "经理", start: 3, end: 5 }, { type: "position", text: "经理", start: 3, end: 5 }];
  assert.deepEqual(match(gold, found, exact).tp, []);
  const relaxed = match(gold, found, overlap);
  assert.equal(relaxed.tp.length, 1);
  assert.equal(relaxed.fp.length, 1);
  assert.deepEqual(prf({ tp: 1, fp: 1, fn: 0 }), [0.5, 1, 2 / 3]);
});
