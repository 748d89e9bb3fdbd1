// The one port through which the profile pipeline reads facts out of a customer's message
// (issue 9 point 3). Two implementations: the offline one (rules and dictionaries for text,
// an OCR engine compiled to WebAssembly for images), the default, and Workers AI when the
// `AI` binding is present (a JSON-mode model for text, a vision model for images).
// `extractorFor(env)` picks one; the queue consumer only ever sees this interface.
import type { Fact } from "./extract/types.ts";

/** What an image yielded: the text read from it (facts' offsets point into it) and the facts. */
export interface ImageReading {
  text: string;
  facts: Fact[];
}

export interface ProfileExtractor {
  /** Which implementation answered (shown in logs and tests). */
  readonly kind: "offline" | "workers-ai";
  /** Facts in a message's text; `now` anchors relative dates. */
  fromText(text: string, now: Date): Promise<Fact[]>;
  /** The text printed on an image (a business card, a screenshot) and the facts in it. */
  fromImage(image: { bytes: Uint8Array; mime: string }, now: Date): Promise<ImageReading>;
}
