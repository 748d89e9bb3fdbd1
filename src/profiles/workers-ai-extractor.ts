// The profile extractor backed by Workers AI (issue 9 point 3), used when the `AI` binding
// is present (choose-extractor.ts): a JSON-mode model for a message's text, a vision model
// for an image. Requests and the reading of answers are pure (ai-facts.ts); this module only
// calls the binding, bounded in time. An image's facts are the vision model's own (placed in
// the text it read); when it lists none, the text read goes through the text path. It never throws to the caller: a failed call, a
// timeout or a malformed answer falls back to the offline extractor for text, and to an
// empty reading for an image (the caller may then fall back to OCR).
import {
  acceptableImage,
  answerObject,
  factsFromAnswer,
  imageRequest,
  readingFromAnswer,
  textRequest,
  TEXT_MODEL,
  VISION_MODEL,
} from "./ai-facts.ts";
import { extractFacts } from "./extract/extract.ts";
import type { Fact } from "./extract/types.ts";
import type { ImageReading, ProfileExtractor } from "./extractor.ts";

/** The part of the `Ai` binding this module uses (a fake in tests has the same shape). */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export interface WorkersAiOptions {
  /** Facts when the model fails; defaults to the offline rules (`extractFacts`). */
  fallback?: (text: string, now: Date) => Promise<Fact[]>;
  /** How long one model call may take before it counts as failed. */
  timeoutMs?: number;
  /** Where failures are reported (never the message's text); defaults to console.warn. */
  log?: (event: string, detail: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const EMPTY: ImageReading = { text: "", facts: [] };

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function workersAiExtractor(ai: AiRunner, options: WorkersAiOptions = {}): ProfileExtractor {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.log ?? ((event, detail) => console.warn(`workers-ai extractor: ${event}: ${detail}`));
  const offline = options.fallback ?? (async (text: string, now: Date) => extractFacts(text, { now }));

  /** The JSON object a model answered, or null (and a log line) when the call or answer failed. */
  async function ask(model: string, inputs: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    try {
      const answer = answerObject(await withTimeout(ai.run(model, inputs), timeoutMs));
      if (answer === null) log("malformed answer", model);
      return answer;
    } catch (e) {
      log("model failed", `${model}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  async function fallback(text: string, now: Date): Promise<Fact[]> {
    try {
      return await offline(text, now);
    } catch (e) {
      log("fallback failed", e instanceof Error ? e.message : String(e));
      return [];
    }
  }

  const extractor: ProfileExtractor = {
    kind: "workers-ai",

    async fromText(text, now) {
      if (text.trim() === "") return [];
      const answer = await ask(TEXT_MODEL, textRequest(text, now));
      const facts = answer === null ? null : factsFromAnswer(answer, text, now);
      if (facts === null) {
        if (answer !== null) log("malformed answer", `${TEXT_MODEL}: no facts array`);
        return fallback(text, now);
      }
      return facts;
    },

    async fromImage(image, now) {
      // Too large or not a picture the model reads: an empty reading, as on failure.
      if (!acceptableImage(image)) return EMPTY;
      const answer = await ask(VISION_MODEL, imageRequest(image.bytes, now));
      const reading = answer === null ? null : readingFromAnswer(answer, now);
      if (reading === null) {
        if (answer !== null) log("malformed answer", `${VISION_MODEL}: no text`);
        // Empty: the caller may fall back to the offline OCR reading.
        return EMPTY;
      }
      if (reading.facts !== null && reading.facts.length > 0) return { text: reading.text, facts: reading.facts };
      // Text was read but the vision model listed no valid facts: the text path over it.
      return { text: reading.text, facts: await extractor.fromText(reading.text, now) };
    },
  };
  return extractor;
}
