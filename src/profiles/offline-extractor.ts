// The offline ProfileExtractor (issue 9 point 3): text goes to the rule-and-dictionary
// extractor; an image is read with Tesseract compiled to WebAssembly (extract/ocr.ts) and the
// text it printed goes to the same extractor. Nothing leaves the Worker.
import { extractCardFacts } from "./extract/card.ts";
import { extractFacts } from "./extract/extract.ts";
import type { AssetFetcher } from "./extract/ocr-data.ts";
import { assetsImageReader, type ImageReader } from "./extract/ocr.ts";
import type { ProfileExtractor } from "./extractor.ts";

/** The offline extractor over any image reader (tests may hand in their own). */
export function offlineExtractorWith(reader: ImageReader): ProfileExtractor {
  return {
    kind: "offline",
    async fromText(text, now) {
      return extractFacts(text, { now });
    },
    async fromImage({ bytes, mime }, now) {
      const text = await reader.read(bytes, mime);
      return { text, facts: text ? extractCardFacts(text, { now }) : [] };
    },
  };
}

/** The offline extractor of the Worker: OCR language data from the ASSETS binding. */
export function offlineExtractor(env: { ASSETS?: AssetFetcher }): ProfileExtractor {
  return offlineExtractorWith(assetsImageReader(env));
}
