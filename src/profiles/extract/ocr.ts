// Reading the text printed on an image (a business card photo, a screenshot) inside the
// Worker. Photon (already used for thumbnails) decodes; Tesseract compiled to WebAssembly
// (tesseract-wasm), imported here as a compiled module since Workers compile no WebAssembly
// at run time, reads with its English model, which also serves other Latin-script text. The
// model comes from the static assets (ocr-data.ts); ocr-reader.ts does the reading and
// ocr-plan.ts bounds the work.
import { PhotonImage, resize, SamplingFilter } from "@cf-wasm/photon/workerd";
import tesseractCore from "../../../node_modules/tesseract-wasm/dist/tesseract-core.wasm";
import { assetLanguageData, type AssetFetcher } from "./ocr-data.ts";
import { tesseractReader, type ImageReader } from "./ocr-reader.ts";

export type { ImageReader } from "./ocr-reader.ts";

/** The Worker's reader: the language model from the ASSETS binding, read once per isolate. */
export function assetsImageReader(env: { ASSETS?: AssetFetcher }): ImageReader {
  return tesseractReader({ languageData: () => assetLanguageData(env.ASSETS), module: tesseractCore, photon: { PhotonImage, resize, SamplingFilter } });
}
