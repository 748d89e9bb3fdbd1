import { test } from "node:test";
import assert from "node:assert/strict";
import { entityProblem, formatted } from "./content.ts";

test("entities must lie inside the text, be at most 100, and link only to safe targets", () => {
  assert.equal(entityProblem("abcd", [{ type: "bold", offset: 0, length: 4 }]), null);
  assert.match(entityProblem("abcd", [{ type: "bold", offset: 2, length: 3 }])!, /outside the text/);
  assert.match(entityProblem("abcd", Array.from({ length: 101 }, () => ({ type: "bold" as const, offset: 0, length: 1 })))!, /at most 100/);
  assert.match(entityProblem("link", [{ type: "text_link", offset: 0, length: 4, url: "java\tscript:alert(1)" }])!, /URL/);
  assert.match(entityProblem("link", [{ type: "text_link", offset: 0, length: 4 }])!, /URL/);
});

test("links parsed from HTML and MarkdownV2 pass the same check", () => {
  assert.equal(formatted('<a href="javascript:alert(1)">x</a>', "HTML").ok, false);
  assert.equal(formatted("[x](data:text/html,hi)", "MarkdownV2").ok, false);
  assert.deepEqual(formatted('<a href="https://example.com">x</a>', "HTML"), { ok: true, value: { text: "x", entities: [{ type: "text_link", offset: 0, length: 1, url: "https://example.com" }] } });
  assert.equal(formatted("<b>x</b>".repeat(101), "HTML").ok, false);
});
