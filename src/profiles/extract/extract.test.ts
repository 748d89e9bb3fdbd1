import { test } from "node:test";
import assert from "node:assert/strict";
import { extractFacts, MAX_TEXT, placeTokens, settleOverlaps } from "./extract.ts";
import { toCodePointOffset } from "./offsets.ts";
import { facts, NOW } from "./test-helpers.ts";
import type { Fact } from "./types.ts";

const f = (type: Fact["type"], start: number, end: number, confidence: number): Fact => ({ type, text: "", start, end, confidence });

test("settleOverlaps keeps the surer candidate, then the longer, and sorts by position", () => {
  const kept = settleOverlaps([f("company", 0, 4, 0.8), f("organization", 0, 6, 0.8), f("name", 5, 8, 0.9), f("date", 10, 12, 0.5)]);
  assert.deepEqual(kept.map((k) => [k.type, k.start]), [["company", 0], ["name", 5], ["date", 10]]);
  assert.deepEqual(settleOverlaps([f("company", 0, 4, 0.8), f("organization", 0, 6, 0.8)]).map((k) => k.type), ["organization"]);
});

test("one line with every kind of fact, offsets slice the text", () => {
  const text = "我叫王小明，在字节跳动做产品经理，手机13800138000，邮箱wangxm@163.com，预算5万，下周三来，喜欢摄影";
  const all = facts(text);
  assert.deepEqual(all.map((x) => x.type), ["name", "company", "position", "phone", "email", "amount", "date", "interest"]);
  for (const x of all) assert.equal(text.slice(x.start, x.end), x.text);
});

test("rules alone work without a segmenter; a long text is cut at MAX_TEXT", () => {
  assert.deepEqual(extractFacts("email me at a@b.co", { now: NOW }).map((x) => x.text), ["a@b.co"]);
  const long = `${"x".repeat(MAX_TEXT)} a@b.co`;
  assert.deepEqual(extractFacts(long, { now: NOW }), []);
});

test("placeTokens finds each word's offsets; code point offsets count an emoji once", () => {
  assert.deepEqual(placeTokens("我叫 王五", [{ word: "我叫", tag: "v" }, { word: "王五", tag: "nr" }]).map((t) => [t.start, t.end]), [[0, 2], [3, 5]]);
  const text = "😀 a@b.co";
  const email = extractFacts(text, { now: NOW })[0]!;
  assert.equal(email.start, 3);
  assert.equal(toCodePointOffset(text, email.start), 2);
});
