// The Workers AI extractor inside workerd (issue 9 point 3), through a fake `AI` binding
// that checks each request as the service does and answers in its shape (src/profiles/
// fake-ai.ts): chosen only when `AI` is bound, facts from a Chinese and an English message
// and from a card image, and the offline extractor answering whenever the model fails.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TEXT_MODEL, VISION_MODEL } from "../../src/profiles/ai-facts.ts";
import { aiRunner, chooseExtractor, extractorFor } from "../../src/profiles/choose-extractor.ts";
import { extractFacts } from "../../src/profiles/extract/extract.ts";
import type { ProfileExtractor } from "../../src/profiles/extractor.ts";
import { fakeAi, type Script } from "../../src/profiles/fake-ai.ts";

const NOW = new Date("2026-01-15T09:00:00Z");
const PNG = { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), mime: "image/png" };

/** The offline extractor's text rules, and an OCR stand-in that says it was asked. */
function offlineSpy() {
  const asked: string[] = [];
  const offline: ProfileExtractor = {
    kind: "offline",
    fromText: async (text, now) => (asked.push("text"), extractFacts(text, { now })),
    fromImage: async () => (asked.push("image"), { text: "OCR: bob@example.com", facts: [] }),
  };
  return { offline, asked };
}

function withAi(script: Script, asString = false) {
  const ai = fakeAi(script, { asString });
  const { offline, asked } = offlineSpy();
  // The binding is typed `Ai`; the fake implements the one method the extractor calls.
  const extractor = chooseExtractor({ ...env, AI: ai as unknown as Ai }, offline);
  return { ai, extractor, asked };
}

describe("Workers AI extractor", () => {
  it("is chosen only when the AI binding is present", () => {
    const { offline } = offlineSpy();
    expect(env.AI).toBeUndefined();
    expect(chooseExtractor(env, offline)).toBe(offline);
    expect(withAi(() => ({ facts: [] })).extractor.kind).toBe("workers-ai");
    expect(extractorFor(env).kind).toBe("offline");
    expect(extractorFor({ ...env, AI: fakeAi(() => ({ facts: [] })) as unknown as Ai }).kind).toBe("workers-ai");
  });

  it("passes the model and inputs through the binding unchanged", async () => {
    const ai = fakeAi(() => ({ facts: [] }));
    const inputs = { messages: [{ role: "user", content: "hi" }], response_format: { type: "json_schema", json_schema: { type: "object", properties: {} } }, max_tokens: 10 };
    expect(await aiRunner(ai as unknown as Ai).run(TEXT_MODEL, inputs)).toMatchObject({ response: { facts: [] } });
    expect(ai.calls).toEqual([{ model: TEXT_MODEL, inputs, prompt: "hi" }]);
  });

  it.each([false, true])("reads a Chinese message's facts from the JSON-mode model (response as a string: %s)", async (asString) => {
    const text = "您好，我是阿里巴巴的李娜，市场总监，手机13912345678，下个月预算10万元";
    const { ai, extractor, asked } = withAi(() => ({
      facts: [
        { type: "name", text: "李娜", confidence: 0.9 },
        { type: "company", text: "阿里巴巴", confidence: 0.9 },
        { type: "position", text: "市场总监", confidence: 0.8 },
        { type: "phone", text: "13912345678", value: "13912345678", confidence: 0.95 },
        { type: "amount", text: "10万元", value: "100000 CNY", role: "budget", confidence: 0.8 },
        { type: "email", text: "lina@alibaba.com", confidence: 0.9 }, // not in the message
      ],
    }), asString);
    const facts = await extractor.fromText(text, NOW);
    expect(facts.map((f) => [f.type, text.slice(f.start, f.end), f.value ?? null, f.role ?? null])).toEqual([
      ["company", "阿里巴巴", null, null],
      ["name", "李娜", null, null],
      ["position", "市场总监", null, null],
      ["phone", "13912345678", "+8613912345678", null],
      ["amount", "10万元", "100000 CNY", "budget"],
    ]);
    expect(ai.calls.map((c) => c.model)).toEqual([TEXT_MODEL]);
    expect(ai.calls[0]!.inputs.response_format).toMatchObject({ type: "json_schema" });
    expect(asked).toEqual([]);
  });

  it("falls back to the offline extractor for an English message when the model fails or rambles", async () => {
    const text = "I'm Sam Carter, reach me at sam.carter@example.org";
    for (const script of [() => new Error("3040: Capacity temporarily exceeded"), () => "Sam is a customer."]) {
      const { extractor, asked } = withAi(script);
      const facts = await extractor.fromText(text, NOW);
      expect(facts).toEqual(extractFacts(text, { now: NOW }));
      expect(facts.find((f) => f.type === "email")?.value).toBe("sam.carter@example.org");
      expect(asked).toEqual(["text"]);
    }
  });

  it("reads a card image with the vision model, its bytes sent as an array of byte values", async () => {
    const card = "Acme Trading Ltd\nJane Doe, Head of Sales\n+44 20 7946 0958\njane@acme.co.uk";
    const { ai, extractor, asked } = withAi(() => ({
      text: card,
      facts: [
        { type: "company", text: "Acme Trading Ltd", confidence: 0.9 },
        { type: "name", text: "Jane Doe", confidence: 0.9 },
        { type: "phone", text: "+44 20 7946 0958", confidence: 0.9 },
        { type: "email", text: "jane@acme.co.uk", confidence: 0.9 },
      ],
    }));
    const reading = await extractor.fromImage(PNG, NOW);
    expect(ai.calls[0]!.model).toBe(VISION_MODEL);
    expect(ai.calls[0]!.inputs.image).toEqual([...PNG.bytes]);
    expect(reading.text).toBe(card);
    expect(reading.facts.map((f) => [f.type, card.slice(f.start, f.end), f.value ?? null])).toEqual([
      ["company", "Acme Trading Ltd", null],
      ["name", "Jane Doe", null],
      ["phone", "+44 20 7946 0958", "+442079460958"],
      ["email", "jane@acme.co.uk", "jane@acme.co.uk"],
    ]);
    expect(asked).toEqual([]);
  });

  it("hands an image to the offline OCR when the vision model fails or reads nothing", async () => {
    for (const script of [() => new Error("5006: bad input"), () => ({ text: "", facts: [] }), () => ({ facts: [] })]) {
      const { extractor, asked } = withAi(script);
      expect(await extractor.fromImage(PNG, NOW)).toEqual({ text: "OCR: bob@example.com", facts: [] });
      expect(asked).toEqual(["image"]);
    }
  });
});
