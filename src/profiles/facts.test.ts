import { test } from "node:test";
import assert from "node:assert/strict";
import { EXCERPT_MAX, excerpt, factsFromExtraction, fieldOf } from "./facts.ts";
import { extractFacts } from "./extract/extract.ts";

test("extractor types map to profile fields; plain dates and amounts are skipped", () => {
  assert.equal(fieldOf({ type: "phone" }), "phone");
  assert.equal(fieldOf({ type: "organization" }), "organization");
  assert.equal(fieldOf({ type: "interest" }), "interests");
  assert.equal(fieldOf({ type: "date", role: "birthday" }), "birthday");
  assert.equal(fieldOf({ type: "amount", role: "budget" }), "budget");
  assert.equal(fieldOf({ type: "date" }), null);
  assert.equal(fieldOf({ type: "amount" }), null);
});

test("a fact carries its normalised value, confidence, time and evidence", () => {
  const text = "call me on 138 0013 8000";
  const [f] = factsFromExtraction(
    [{ type: "phone", text: "138 0013 8000", start: 11, end: 24, value: "+8613800138000", confidence: 0.9 }],
    { chatId: "c1", messageId: 42, text, at: 5 },
  );
  assert.deepEqual(f, {
    source: "extracted", field: "phone", value: "+8613800138000", confidence: 0.9, at: 5,
    evidence: { chatId: "c1", messageId: 42, excerpt: text },
  });
});

test("the excerpt is bounded and contains the fact", () => {
  const text = "x".repeat(200) + "a@b.com" + "y".repeat(200);
  const e = excerpt(text, 200, 207);
  assert.ok(e.length <= EXCERPT_MAX);
  assert.ok(e.includes("a@b.com"));
  assert.ok(e.startsWith("…") && e.endsWith("…"));
  assert.equal(excerpt("short", 0, 5), "short");
});

test("an excerpt is cut between words, never through one nor through the fact", () => {
  const text = "We need about 200 kg of oolong for our stores, budget around $15,000. My email is dave.chen@northwind.example and that is all for now";
  const at = text.indexOf("dave.chen");
  const e = excerpt(text, at, at + "dave.chen@northwind.example".length);
  assert.ok(e.length <= EXCERPT_MAX, e);
  assert.ok(e.includes("dave.chen@northwind.example"), e);
  const words = new Set(text.split(/\s+/));
  for (const w of e.replace(/^…|…$/g, "").split(/\s+/)) assert.ok(words.has(w), `half a word: ${w} in ${e}`);
});

test("the real extractor's output maps through", () => {
  const text = "my email is li.wei@example.com";
  const facts = factsFromExtraction(extractFacts(text, { now: new Date(0) }), { chatId: 1, messageId: 2, text, at: 3 });
  assert.ok(facts.some((f) => f.field === "email" && f.value === "li.wei@example.com"));
});
