// The pure decisions around reading an image with OCR: which images are read at all, at what
// size, and how the engine's text is tidied before the extractor sees it. No WebAssembly here.
import type { ImageSize } from "../../chat/image-size.ts";

/**
 * The largest picture decoded: decoding holds four bytes a pixel and a Worker has 128 MB
 * (12 MP is a phone camera's photo; the thumbnailer has the same bound).
 */
export const MAX_SOURCE_PIXELS = 12_000_000;
/**
 * The long side the engine sees: a card or a screenshot's text stays legible (Tesseract
 * wants letters some 20 pixels tall) while the work and the memory stay bounded.
 */
export const MAX_OCR_SIDE = 2_000;
/** Smaller pictures hold no legible line of text. */
export const MIN_OCR_SIDE = 16;
/** The longest text kept from one image (the extractor's own bound is 8,000). */
export const MAX_OCR_TEXT = 4_000;
/** The image kinds read: what a phone or a screenshot tool produces and Photon decodes. */
export const OCR_MIMES: readonly string[] = ["image/png", "image/jpeg", "image/webp", "image/gif"];

export type OcrPlan = { read: false; why: "kind" | "unreadable" | "too_large" | "too_small" } | { read: true; width: number; height: number };

/**
 * Whether an image of this declared kind and header size is read, and at what size (its own,
 * or scaled down so the long side is MAX_OCR_SIDE). `size` is null when no header was found.
 */
export function planOcr(mime: string, size: ImageSize | null): OcrPlan {
  const kind = mime.split(";")[0]!.trim().toLowerCase();
  if (kind !== "" && kind !== "application/octet-stream" && !OCR_MIMES.includes(kind)) return { read: false, why: "kind" };
  if (!size) return { read: false, why: "unreadable" };
  const { width, height } = size;
  if (width * height > MAX_SOURCE_PIXELS) return { read: false, why: "too_large" };
  if (Math.min(width, height) < MIN_OCR_SIDE) return { read: false, why: "too_small" };
  const long = Math.max(width, height);
  if (long <= MAX_OCR_SIDE) return { read: true, width, height };
  const scale = MAX_OCR_SIDE / long;
  return { read: true, width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The engine's text as the extractor should see it: one line per printed line, runs of spaces
 * folded, empty lines and lines of stray marks (no letter or digit) dropped, and bounded.
 */
export function tidyOcrText(raw: string): string {
  const lines: string[] = [];
  for (const line of raw.replace(/\r\n?/g, "\n").split("\n")) {
    const folded = line.replace(/[\t \u00a0]+/g, " ").trim();
    if (/[\p{L}\p{N}]/u.test(folded)) lines.push(folded);
  }
  const text = lines.join("\n");
  return text.length <= MAX_OCR_TEXT ? text : text.slice(0, text.lastIndexOf("\n", MAX_OCR_TEXT) > 0 ? text.lastIndexOf("\n", MAX_OCR_TEXT) : MAX_OCR_TEXT);
}

/** A gzip stream's first bytes. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}
