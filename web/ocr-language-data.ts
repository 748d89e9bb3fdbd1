// A build step of the web app that also serves the Worker: the OCR engine's English language
// data (@tesseract.js-data/eng, Tesseract's LSTM "best_int" model, 2.9 MB gzipped) is copied
// into web/dist, which the platform serves as static assets and the Worker reads through its
// ASSETS binding (src/profiles/extract/ocr-data.ts). It is too large to bundle into the Worker
// comfortably, and nothing may be fetched from outside at run time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Plugin } from "vite";

/** Where the data lands in web/dist; OCR_DATA_PATH in src/profiles/extract/ocr-data.ts names the same. */
export const OCR_DATA_FILE = "ocr/eng.traineddata.gz";

export function ocrLanguageData(): Plugin {
  return {
    name: "switchboard-ocr-language-data",
    apply: "build",
    generateBundle() {
      const require = createRequire(import.meta.url);
      const dir = require.resolve("@tesseract.js-data/eng/package.json").replace(/package\.json$/, "");
      this.emitFile({ type: "asset", fileName: OCR_DATA_FILE, source: readFileSync(`${dir}4.0.0_best_int/eng.traineddata.gz`) });
    },
  };
}
