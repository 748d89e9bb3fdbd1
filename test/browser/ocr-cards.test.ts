// Business cards rendered on the fly by Chromium (scripts/render-card.mjs), read by the same
// OCR reader and extractor the Worker runs (src/profiles/extract/ocr-reader.ts), here in Node:
// the Tesseract module is compiled from node_modules' bytes, the English model is unpacked
// from @tesseract.js-data/eng, and Photon's Node build decodes. Cards unlike the committed
// fixture (test/api/ocr.test.ts reads that one inside workerd) keep the reader honest.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PhotonImage, resize, SamplingFilter } from "@cf-wasm/photon/node";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { renderCard } from "../../scripts/render-card.mjs";
import { gunzip } from "../../src/profiles/extract/ocr-data.ts";
import { tesseractReader } from "../../src/profiles/extract/ocr-reader.ts";
import { extractFacts } from "../../src/profiles/extract/extract.ts";

const require = createRequire(import.meta.url);
const tesseractCore = new WebAssembly.Module(readFileSync(require.resolve("tesseract-wasm").replace(/lib\.js$/, "tesseract-core.wasm")));
const modelFile = require.resolve("@tesseract.js-data/eng/package.json").replace(/package\.json$/, "4.0.0_best_int/eng.traineddata.gz");

const reader = tesseractReader({
  module: tesseractCore,
  languageData: () => gunzip(readFileSync(modelFile), 32 * 1024 * 1024),
  photon: { PhotonImage, resize, SamplingFilter },
});
const NOW = new Date("2026-11-20T10:00:00Z");
// What offlineExtractor's fromImage does (src/profiles/offline-extractor.ts, which wires the Worker's reader).
const extractor = {
  async fromImage({ bytes, mime }: { bytes: Uint8Array; mime: string }, now: Date) {
    const text = await reader.read(bytes, mime);
    return { text, facts: text ? extractFacts(text, { now }) : [] };
  },
};

describe("OCR of cards rendered by Chromium", () => {
  it("reads a US card: the phone in E.164 and the email", async () => {
    const card = {
      name: "Daniel Ortiz",
      title: "Senior Software Engineer",
      company: "Brightline Robotics Inc.",
      phone: "+1 415 555 0134",
      email: "daniel.ortiz@brightline.io",
      address: "500 Howard Street, San Francisco",
    };
    const png: Uint8Array = await renderCard(card);
    const { text, facts } = await extractor.fromImage({ bytes: png, mime: "image/png" }, NOW);
    expect(text).toContain("Daniel Ortiz");
    expect(text).toContain("Brightline Robotics");
    expect(facts.find((f) => f.type === "phone")?.value).toBe("+14155550134");
    expect(facts.find((f) => f.type === "email")?.value).toBe("daniel.ortiz@brightline.io");
  });

  it("reads a card with only a phone and an email, and nothing from an empty card", async () => {
    const sparse = await renderCard({ name: "", title: "", company: "", phone: "+44 20 7946 0958", email: "sales@harbour-tea.co.uk", address: "" });
    const { facts } = await extractor.fromImage({ bytes: sparse, mime: "image/png" }, NOW);
    expect(facts.map((f) => [f.type, f.value])).toEqual(expect.arrayContaining([["phone", "+442079460958"], ["email", "sales@harbour-tea.co.uk"]]));
    const empty = await renderCard({ name: "", title: "", company: "", phone: "", email: "", address: "" });
    expect(await reader.read(empty, "image/png")).toBe("");
  });
});
