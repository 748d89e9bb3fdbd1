// The offline extractor reading images inside workerd, through the real implementation:
// Photon decodes, Tesseract (WebAssembly, imported as a compiled module) reads with the English
// model served from the static assets (web/dist, built by `npm run build:web`), and the
// text extractor finds the facts. The card is test/fixtures/business-card.png, rendered by
// scripts/render-card.mjs with Chromium.
import { env } from "cloudflare:workers";
import { PhotonImage, resize, SamplingFilter } from "@cf-wasm/photon/workerd";
import { describe, expect, it } from "vitest";
import card from "../fixtures/business-card.png?inline";
import { offlineExtractor } from "../../src/profiles/offline-extractor.ts";

const NOW = new Date("2026-11-20T10:00:00Z");
const bytesOf = (dataUrl: string) => Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
const cardPng = bytesOf(card);

function encode(build: (image: PhotonImage) => PhotonImage, as: "png" | "jpeg" = "png"): Uint8Array {
  const image = PhotonImage.new_from_byteslice(cardPng);
  const out = build(image);
  try {
    return as === "png" ? out.get_bytes() : out.get_bytes_jpeg(85);
  } finally {
    if (out !== image) out.free();
    image.free();
  }
}

describe("offline extractor: images", () => {
  const extractor = offlineExtractor(env);

  it("reads a business card and finds its phone (E.164) and email", async () => {
    const { text, facts } = await extractor.fromImage({ bytes: cardPng, mime: "image/png" }, NOW);
    expect(text).toContain("Olivia Bennett");
    expect(text).toContain("Northwind Analytics");
    const phone = facts.find((f) => f.type === "phone");
    const email = facts.find((f) => f.type === "email");
    expect(phone?.value).toBe("+442079460958");
    expect(email?.value).toBe("olivia.bennett@northwind.example");
    // offsets point into the text read
    for (const f of facts) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it("scales a large JPEG photo down before reading and still reads it", async () => {
    const large = encode((image) => resize(image, 3150, 1800, SamplingFilter.Triangle), "jpeg"); // 3x the card, past MAX_OCR_SIDE
    const { facts } = await extractor.fromImage({ bytes: large, mime: "image/jpeg" }, NOW);
    expect(facts.find((f) => f.type === "phone")?.value).toBe("+442079460958");
  });

  it("gives an empty reading, not a throw, for garbage, damaged images, other kinds and blank pictures", async () => {
    const garbage = new TextEncoder().encode("this is not an image at all, just words in a file");
    const damaged = cardPng.slice(0, 200); // a real header over a cut body
    const blank = encode((image) => new PhotonImage(new Uint8Array(300 * 200 * 4).fill(255), 300, 200));
    const cases: [Uint8Array, string][] = [
      [garbage, "image/png"],
      [new Uint8Array(0), "image/jpeg"],
      [damaged, "image/png"],
      [cardPng, "application/pdf"],
      [blank, "image/png"],
    ];
    for (const [bytes, mime] of cases) {
      expect(await extractor.fromImage({ bytes, mime }, NOW), `${mime} ${bytes.length}`).toEqual({ text: "", facts: [] });
    }
    // and the engine still reads after all that
    expect((await extractor.fromImage({ bytes: cardPng, mime: "image/png" }, NOW)).text).toContain("Olivia Bennett");
  });

  it("reads text with the same extractor", async () => {
    const facts = await extractor.fromText("call me on +1 415 555 0134 or mail li@example.com", NOW);
    expect(facts.map((f) => [f.type, f.value])).toEqual(expect.arrayContaining([["phone", "+14155550134"], ["email", "li@example.com"]]));
    expect(extractor.kind).toBe("offline");
  });
});
