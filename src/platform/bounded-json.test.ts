import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonDepthWithin, parseBoundedJson } from "./bounded-json.ts";

test("nesting is measured outside strings only", () => {
  assert.equal(jsonDepthWithin('{"a":[1,{"b":2}]}', 3), true);
  assert.equal(jsonDepthWithin('{"a":[1,{"b":2}]}', 2), false);
  assert.equal(jsonDepthWithin('{"a":"[[[[[[[[\\"[[[["}', 1), true); // brackets and escaped quotes in a string
});

test("a value nested 100,000 deep is refused without parsing it; ordinary JSON parses", () => {
  assert.equal(parseBoundedJson("[".repeat(100_000) + "]".repeat(100_000)), undefined);
  assert.equal(parseBoundedJson("{not json"), undefined);
  assert.deepEqual(parseBoundedJson('{"inline_keyboard":[[{"text":"a","url":"https://x.test"}]]}'), { inline_keyboard: [[{ text: "a", url: "https://x.test" }]] });
  assert.equal(parseBoundedJson("null"), null);
});
