import { test } from "node:test";
import assert from "node:assert/strict";
import {
  answerObject,
  factsFromAnswer,
  FACT_TYPES,
  imageRequest,
  MAX_AI_TEXT,
  MAX_CONFIDENCE,
  MAX_FACTS,
  readingFromAnswer,
  textRequest,
} from "./ai-facts.ts";
import type { Fact } from "./extract/types.ts";

const NOW = new Date("2026-01-15T09:00:00Z");

/** The facts as [type, text as found in the message, value, role] with offsets checked. */
function placed(facts: Fact[] | null, text: string): [string, string, string | undefined, string | undefined][] {
  assert.ok(facts !== null);
  for (const f of facts) assert.equal(text.slice(f.start, f.end), f.text, `offsets of ${f.text}`);
  return facts.map((f) => [f.type, f.text, f.value, f.role]);
}

test("textRequest: a system prompt with today's date, the message as the user's turn, JSON mode with the facts' schema", () => {
  const r = textRequest("Hi, I'm Ann", NOW);
  assert.equal(r.messages.length, 2);
  assert.equal(r.messages[0]!.role, "system");
  assert.match(r.messages[0]!.content, /2026-01-15/);
  assert.deepEqual(r.messages[1], { role: "user", content: "Hi, I'm Ann" });
  assert.equal(r.response_format.type, "json_schema");
  const items = r.response_format.json_schema.properties.facts;
  assert.equal(items.maxItems, MAX_FACTS);
  assert.deepEqual(items.items.properties.type.enum, FACT_TYPES);
  assert.deepEqual(items.items.properties.role.enum, ["birthday", "budget"]);
  assert.ok(r.max_tokens > 0 && r.max_tokens <= 4096);
  assert.equal(textRequest("x".repeat(MAX_AI_TEXT + 500), NOW).messages[1]!.content.length, MAX_AI_TEXT);
});

test("imageRequest: the bytes as an array of byte values, one user turn, a schema with the text read", () => {
  const r = imageRequest(new Uint8Array([0xff, 0xd8, 0x00, 0x7f]), NOW);
  assert.deepEqual(r.image, [255, 216, 0, 127]);
  assert.ok(Array.isArray(r.image));
  assert.deepEqual(r.messages.map((m) => m.role), ["user"]);
  assert.deepEqual(r.response_format.json_schema.required, ["text", "facts"]);
});

test("English: facts placed in the message, phone and e-mail normalised by the offline rules", () => {
  const text = "Hi, I'm John Smith, sales director at Acme Corp. Call me at (415) 555-2671 or John.Smith@Acme.com. Born March 5, 1990; our budget is $50k.";
  const facts = factsFromAnswer({
    facts: [
      { type: "name", text: "John Smith", confidence: 0.9 },
      { type: "position", text: "sales director", confidence: 0.8 },
      { type: "company", text: "Acme Corp", value: "Acme Corp", confidence: 0.85 },
      { type: "phone", text: "(415) 555-2671", value: "4155552671", confidence: 0.9 },
      { type: "email", text: "John.Smith@Acme.com", confidence: 0.9 },
      { type: "date", text: "March 5, 1990", value: "1990-03-05", role: "birthday", confidence: 0.9 },
      { type: "amount", text: "$50k", value: "50000 USD", role: "budget", confidence: 0.8 },
    ],
  }, text, NOW);
  assert.deepEqual(placed(facts, text), [
    ["name", "John Smith", undefined, undefined],
    ["position", "sales director", undefined, undefined],
    ["company", "Acme Corp", "Acme Corp", undefined],
    ["phone", "(415) 555-2671", "+14155552671", undefined],
    ["email", "John.Smith@Acme.com", "john.smith@acme.com", undefined],
    ["date", "March 5, 1990", "1990-03-05", "birthday"],
    ["amount", "$50k", "50000 USD", "budget"],
  ]);
});

test("Chinese: facts placed in the message, a mobile without country code read as Chinese", () => {
  const text = "我是华为的张伟，负责采购，手机13800138000，邮箱zhangwei@huawei.com，生日1990年3月5日，预算5万元，住在上海市浦东新区。";
  const facts = factsFromAnswer({
    facts: [
      { type: "company", text: "华为", confidence: 0.9 },
      { type: "name", text: "张伟", confidence: 0.9 },
      { type: "position", text: "采购", confidence: 0.6 },
      { type: "phone", text: "13800138000", value: "+86 138 0013 8000", confidence: 0.99 },
      { type: "email", text: "zhangwei@huawei.com", confidence: 0.99 },
      { type: "date", text: "1990年3月5日", value: "1990-03-05", role: "birthday", confidence: 0.9 },
      { type: "amount", text: "5万元", value: "50000 CNY", role: "budget", confidence: 0.8 },
      { type: "address", text: "上海市浦东新区", confidence: 0.8 },
    ],
  }, text, NOW);
  assert.deepEqual(placed(facts, text), [
    ["company", "华为", undefined, undefined],
    ["name", "张伟", undefined, undefined],
    ["position", "采购", undefined, undefined],
    ["phone", "13800138000", "+8613800138000", undefined],
    ["email", "zhangwei@huawei.com", "zhangwei@huawei.com", undefined],
    ["date", "1990年3月5日", "1990-03-05", "birthday"],
    ["amount", "5万元", "50000 CNY", "budget"],
    ["address", "上海市浦东新区", undefined, undefined],
  ]);
});

test("invented facts are dropped: text not in the message, a phone or e-mail that does not validate", () => {
  const text = "我是李明，电话 12345，邮箱 liming@example";
  const facts = factsFromAnswer({
    facts: [
      { type: "name", text: "李明", confidence: 0.9 },
      { type: "company", text: "阿里巴巴", confidence: 0.9 }, // not in the message
      { type: "phone", text: "13912345678", confidence: 0.9 }, // not in the message
      { type: "phone", text: "12345", confidence: 0.9 }, // in it, but no phone number
      { type: "email", text: "liming@example", confidence: 0.9 }, // in it, but no e-mail address
      { type: "wish", text: "李明", confidence: 0.9 }, // not a fact type
      { type: "name", text: "   ", confidence: 0.9 },
      "李明",
      null,
    ],
  }, text, NOW);
  assert.deepEqual(placed(facts, text), [["name", "李明", undefined, undefined]]);
});

test("values without their documented shape are left out; roles only where they belong", () => {
  const text = "meet on Friday, about 300 bucks, birthday soon";
  const facts = factsFromAnswer({
    facts: [
      { type: "date", text: "Friday", value: "next Friday", role: "budget", confidence: 0.7 },
      { type: "amount", text: "300 bucks", value: "300 dollars", role: "birthday", confidence: 0.7 },
    ],
  }, text, NOW);
  assert.deepEqual(placed(facts, text), [["date", "Friday", undefined, undefined], ["amount", "300 bucks", undefined, undefined]]);
  const bad = factsFromAnswer({ facts: [{ type: "date", text: "Friday", value: "2026-02-30", confidence: 0.7 }] }, text, NOW);
  assert.equal(bad?.[0]?.value, undefined);
});

test("confidence is clamped, defaulted when missing; facts are bounded in number and settled when they overlap", () => {
  const text = "Ann Lee, ann@lee.io";
  const facts = factsFromAnswer({
    facts: [
      { type: "name", text: "Ann Lee", confidence: 7 },
      { type: "email", text: "ann@lee.io", confidence: -2 },
      { type: "name", text: "Ann", confidence: 0.5 }, // inside "Ann Lee": the surer one stays
    ],
  }, text, NOW)!;
  assert.deepEqual(facts.map((f) => [f.text, f.confidence]), [["Ann Lee", MAX_CONFIDENCE], ["ann@lee.io", 0]]);
  assert.equal(factsFromAnswer({ facts: [{ type: "name", text: "Ann" }] }, text, NOW)![0]!.confidence, 0.6);
  const many = Array.from({ length: 200 }, (_, i) => `w${i}`);
  const long = many.join(" ");
  const capped = factsFromAnswer({ facts: many.map((w) => ({ type: "interest", text: w, confidence: 0.5 })) }, long, NOW)!;
  assert.equal(capped.length, MAX_FACTS);
});

test("a repeated text takes its next occurrence; case differences are found in the message", () => {
  const text = "Call 13800138000. Again: 13800138000. I work at ACME.";
  const facts = factsFromAnswer({
    facts: [
      { type: "phone", text: "13800138000", confidence: 0.9 },
      { type: "phone", text: "13800138000", confidence: 0.9 },
      { type: "company", text: "Acme", confidence: 0.9 },
    ],
  }, text, NOW)!;
  assert.deepEqual(facts.map((f) => [f.start, f.text]), [[5, "13800138000"], [25, "13800138000"], [48, "ACME"]]);
});

test("answers: an object or a string of JSON (fenced or with words around it); anything else is malformed", () => {
  const facts = { facts: [] };
  assert.deepEqual(answerObject({ response: facts }), facts);
  assert.deepEqual(answerObject({ response: JSON.stringify(facts), usage: {} }), facts);
  assert.deepEqual(answerObject({ response: "```json\n{\"facts\": []}\n```" }), facts);
  assert.deepEqual(answerObject({ response: "Here you go: {\"facts\": []} hope it helps" }), facts);
  assert.deepEqual(answerObject({ choices: [{ message: { content: "{\"facts\": []}" } }] }), facts);
  for (const raw of [null, "x", {}, { response: "no json here" }, { response: "[1,2]" }, { response: 42 }, { response: ["a"] }, { response: "{\"facts\": [" }]) {
    assert.equal(answerObject(raw), null, JSON.stringify(raw));
  }
  // An object without a facts array: the caller falls back to the offline extractor.
  assert.equal(factsFromAnswer({ items: [] }, "text", NOW), null);
  assert.equal(factsFromAnswer({ facts: "none" }, "text", NOW), null);
  assert.deepEqual(factsFromAnswer({ facts: [] }, "text", NOW), []);
});

test("an image's reading: facts placed in the text read, not in anything else", () => {
  const read = "ACME TRADING\nJane Doe\nHead of Sales\n+44 20 7946 0958\njane@acme.co.uk";
  const reading = readingFromAnswer({
    text: read,
    facts: [
      { type: "company", text: "ACME TRADING", confidence: 0.9 },
      { type: "name", text: "Jane Doe", confidence: 0.9 },
      { type: "position", text: "Head of Sales", confidence: 0.9 },
      { type: "phone", text: "+44 20 7946 0958", confidence: 0.9 },
      { type: "email", text: "jane@acme.co.uk", confidence: 0.9 },
      { type: "address", text: "221B Baker Street", confidence: 0.9 }, // not on the card
    ],
  }, NOW)!;
  assert.equal(reading.text, read);
  assert.deepEqual(placed(reading.facts, read).map(([type, text, value]) => [type, text, value]), [
    ["company", "ACME TRADING", undefined],
    ["name", "Jane Doe", undefined],
    ["position", "Head of Sales", undefined],
    ["phone", "+44 20 7946 0958", "+442079460958"],
    ["email", "jane@acme.co.uk", "jane@acme.co.uk"],
  ]);
  assert.equal(readingFromAnswer({ facts: [] }, NOW), null);
  assert.deepEqual(readingFromAnswer({ text: "名片", facts: "?" }, NOW), { text: "名片", facts: null });
});
