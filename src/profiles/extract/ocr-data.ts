// The OCR engine's language data (Tesseract's English LSTM model from @tesseract.js-data/eng),
// read from the platform's static assets: the web app's build copies it to web/dist (see
// web/ocr-language-data.ts), and the Worker fetches it through its ASSETS binding, once per
// isolate. The same path works under `wrangler dev`, in the workerd tests and when deployed.
import { isGzip } from "./ocr-plan.ts";

/** The file's path among the static assets (web/ocr-language-data.ts writes it there). */
export const OCR_DATA_PATH = "/ocr/eng.traineddata.gz";
/** The model is 5.2 MB unpacked; anything far larger is not our file. */
export const MAX_LANGUAGE_DATA_BYTES = 32 * 1024 * 1024;

/** Thrown when the data cannot be had (not built, not deployed): the caller retries later. */
export class LanguageDataMissing extends Error {
  override name = "LanguageDataMissing";
}

/** What the ASSETS binding offers that we use (a Fetcher). */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/** The language data, unpacked, from the static assets behind `assets`. */
export async function assetLanguageData(assets: AssetFetcher | undefined): Promise<Uint8Array> {
  if (!assets) throw new LanguageDataMissing("no ASSETS binding: the OCR language data is served from the static assets");
  const res = await assets.fetch(new Request(`https://assets.local${OCR_DATA_PATH}`));
  const packed = new Uint8Array(await res.arrayBuffer());
  // A missing file gets the single-page app's index.html with 200, so the bytes decide.
  if (!res.ok || !isGzip(packed)) throw new LanguageDataMissing(`${OCR_DATA_PATH} is not among the static assets: run \`npm run build:web\``);
  return gunzip(packed, MAX_LANGUAGE_DATA_BYTES);
}

/** Unpacks gzip bytes, refusing output past `limit` bytes. */
export async function gunzip(packed: Uint8Array, limit: number): Promise<Uint8Array> {
  const stream = new Blob([packed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) throw new LanguageDataMissing(`the OCR language data unpacks past ${limit} bytes`);
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
