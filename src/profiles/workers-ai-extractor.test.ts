import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_IMAGE_BYTES, TEXT_MODEL, VISION_MODEL } from "./ai-facts.ts";
import { extractFacts } from "./extract/extract.ts";
import { fakeAi } from "./fake-ai.ts";
import { workersAiExtractor } from "./workers-ai-extractor.ts";

const NOW = new Date("2026-01-15T09:00:00Z");
const JPEG = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), mime: "image/jpeg" };
const quiet = { log: () => {} };

const brief = (facts: { type: string; text: string; value?: string; start: number }[]) => facts.map((f) => [f.type, f.text, f.value ?? null, f.start]);

for (const asString of [false, true]) {
  test(`text: the JSON-mode model's facts, with response as ${asString ? "a string" : "an object"}`, async () => {
    const text = "Hi, I'm Ann Lee from Globex, call +1 415 555 2671";
    const ai = fakeAi(() => ({
      facts: [
        { type: "name", text: "Ann Lee", confidence: 0.9 },
        { type: "company", text: "Globex", confidence: 0.9 },
        { type: "phone", text: "+1 415 555 2671", confidence: 0.9 },
        { type: "name", text: "Bob Stone", confidence: 0.9 }, // invented
      ],
    }), { asString });
    const x = workersAiExtractor(ai, quiet);
    assert.equal(x.kind, "workers-ai");
    assert.deepEqual(brief(await x.fromText(text, NOW)), [
      ["name", "Ann Lee", null, 8],
      ["company", "Globex", null, 21],
      ["phone", "+1 415 555 2671", "+14155552671", 34],
    ]);
    assert.equal(ai.calls.length, 1);
    assert.equal(ai.calls[0]!.model, TEXT_MODEL);
    assert.equal(ai.calls[0]!.prompt, text);
  });
}

test("text: a failing model, a malformed answer or no answer in time fall back to the offline extractor", async () => {
  const text = "我是华为的张伟，手机13800138000";
  const offline = extractFacts(text, { now: NOW });
  assert.ok(offline.some((f) => f.type === "phone"));
  const logged: string[] = [];
  const log = (event: string) => logged.push(event);
  const failing = fakeAi(() => new Error("3040: Capacity temporarily exceeded"));
  assert.deepEqual(await workersAiExtractor(failing, { log }).fromText(text, NOW), offline);
  const unmet = fakeAi(() => new Error("JSON Mode couldn't be met"));
  assert.deepEqual(await workersAiExtractor(unmet, { log }).fromText(text, NOW), offline);
  const rambling = fakeAi(() => "Sure! The customer is Zhang Wei.");
  assert.deepEqual(await workersAiExtractor(rambling, { log }).fromText(text, NOW), offline);
  const wrongShape = fakeAi(() => ({ entities: [{ type: "name", text: "张伟" }] }));
  assert.deepEqual(await workersAiExtractor(wrongShape, { log }).fromText(text, NOW), offline);
  const silent = { run: () => new Promise<unknown>(() => {}) };
  assert.deepEqual(await workersAiExtractor(silent, { log, timeoutMs: 5 }).fromText(text, NOW), offline);
  assert.deepEqual(logged, ["model failed", "model failed", "malformed answer", "malformed answer", "model failed"]);
});

test("text: the fallback given (the offline extractor with its segmenter) is the one used; empty text asks nothing", async () => {
  const ai = fakeAi(() => new Error("boom"));
  const x = workersAiExtractor(ai, { ...quiet, fallback: async () => [{ type: "name", text: "X", start: 0, end: 1, confidence: 1 }] });
  assert.deepEqual((await x.fromText("X", NOW)).map((f) => f.text), ["X"]);
  assert.deepEqual(await x.fromText("   ", NOW), []);
  assert.equal(ai.calls.length, 1);
});

test("image: the vision model gets the bytes; the text it read and its facts placed in that text (a Chinese card)", async () => {
  const card = "深圳市腾讯计算机系统有限公司\n王芳 产品经理\n手机：139 1234 5678\n邮箱：wangfang@tencent.com";
  const ai = fakeAi((call) => {
    assert.equal(call.model, VISION_MODEL);
    assert.deepEqual(call.inputs.image, [...JPEG.bytes]);
    return {
      text: card,
      facts: [
        { type: "company", text: "深圳市腾讯计算机系统有限公司", confidence: 0.9 },
        { type: "name", text: "王芳", confidence: 0.9 },
        { type: "position", text: "产品经理", confidence: 0.9 },
        { type: "phone", text: "139 1234 5678", confidence: 0.9 },
        { type: "email", text: "wangfang@tencent.com", confidence: 0.9 },
      ],
    };
  });
  const reading = await workersAiExtractor(ai, quiet).fromImage(JPEG, NOW);
  assert.equal(reading.text, card);
  assert.deepEqual(reading.facts.map((f) => [f.type, card.slice(f.start, f.end), f.value ?? null]), [
    ["company", "深圳市腾讯计算机系统有限公司", null],
    ["name", "王芳", null],
    ["position", "产品经理", null],
    ["phone", "139 1234 5678", "+8613912345678"],
    ["email", "wangfang@tencent.com", "wangfang@tencent.com"],
  ]);
});

test("image: text read without valid facts goes through the text path", async () => {
  const card = "Jane Doe\njane@acme.co.uk";
  const ai = fakeAi((call) =>
    call.model === VISION_MODEL ? { text: card, facts: "unknown" } : { facts: [{ type: "email", text: "jane@acme.co.uk", confidence: 0.9 }] });
  const reading = await workersAiExtractor(ai, quiet).fromImage(JPEG, NOW);
  assert.deepEqual(ai.calls.map((c) => c.model), [VISION_MODEL, TEXT_MODEL]);
  assert.equal(ai.calls[1]!.prompt, card);
  assert.deepEqual(reading, { text: card, facts: [{ type: "email", text: "jane@acme.co.uk", start: 9, end: 24, value: "jane@acme.co.uk", confidence: 0.9 }] });
});

test("image: failure, a malformed answer, a too large or unreadable file give an empty reading (the caller may use OCR)", async () => {
  const empty = { text: "", facts: [] };
  assert.deepEqual(await workersAiExtractor(fakeAi(() => new Error("3040")), quiet).fromImage(JPEG, NOW), empty);
  assert.deepEqual(await workersAiExtractor(fakeAi(() => ({ facts: [] })), quiet).fromImage(JPEG, NOW), empty);
  assert.deepEqual(await workersAiExtractor(fakeAi(() => "I see a business card"), quiet).fromImage(JPEG, NOW), empty);
  const unused = fakeAi(() => ({ text: "x", facts: [] }));
  const x = workersAiExtractor(unused, quiet);
  assert.deepEqual(await x.fromImage({ bytes: new Uint8Array(MAX_IMAGE_BYTES + 1), mime: "image/png" }, NOW), empty);
  assert.deepEqual(await x.fromImage({ bytes: new Uint8Array(0), mime: "image/png" }, NOW), empty);
  assert.deepEqual(await x.fromImage({ bytes: JPEG.bytes, mime: "application/pdf" }, NOW), empty);
  assert.equal(unused.calls.length, 0);
});

test("the fake binding refuses what the service refuses", async () => {
  const ai = fakeAi(() => ({ facts: [] }));
  const schema = { type: "json_schema", json_schema: { type: "object", properties: {} } };
  const ok = { messages: [{ role: "user", content: "hi" }], response_format: schema, max_tokens: 100 };
  await ai.run(TEXT_MODEL, ok);
  await assert.rejects(ai.run("@cf/meta/llama-9-instruct", ok), /No such model/);
  await assert.rejects(ai.run(TEXT_MODEL, { ...ok, messages: [{ content: "hi" }] }), /role/);
  await assert.rejects(ai.run(TEXT_MODEL, { ...ok, response_format: { type: "json_object" } }), /json_schema/);
  await assert.rejects(ai.run(TEXT_MODEL, { ...ok, stream: true }), /streaming/);
  await assert.rejects(ai.run(TEXT_MODEL, { ...ok, image: [1] }), /no image/);
  await assert.rejects(ai.run(VISION_MODEL, { ...ok, image: new Uint8Array([1, 2]) }), /array of byte values/);
  await assert.rejects(ai.run(VISION_MODEL, { ...ok, image: [1, 256] }), /array of byte values/);
  assert.equal(ai.calls.length, 1);
});
