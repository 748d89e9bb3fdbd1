// Which ProfileExtractor answers (issue 9 point 3): Workers AI when the `AI` binding is
// present, the offline one otherwise. With AI, the offline extractor still answers whenever
// a model fails: for text when a call fails or its answer is malformed, for an image when
// the vision model read nothing (the offline OCR reads it instead).
import type { Env } from "../env.ts";
import type { ProfileExtractor } from "./extractor.ts";
import { offlineExtractor } from "./offline-extractor.ts";
import { workersAiExtractor, type AiRunner } from "./workers-ai-extractor.ts";

/** The `Ai` binding seen through the one method the extractor uses. */
export function aiRunner(ai: Ai): AiRunner {
  // Ai.run is typed per model name; the inputs are built and checked in ai-facts.ts.
  return { run: (model, inputs) => ai.run(model as keyof AiModels, inputs as never) };
}

/** AI when bound (falling back to `offline`), else `offline` itself. */
export function chooseExtractor(env: Pick<Env, "AI">, offline: ProfileExtractor): ProfileExtractor {
  if (!env.AI) return offline;
  const ai = workersAiExtractor(aiRunner(env.AI), { fallback: (text, now) => offline.fromText(text, now) });
  return {
    kind: ai.kind,
    fromText: (text, now) => ai.fromText(text, now),
    async fromImage(image, now) {
      const reading = await ai.fromImage(image, now);
      return reading.text.trim() !== "" ? reading : offline.fromImage(image, now);
    },
  };
}

/** The Worker's extractor: AI when bound, else the offline one (OCR data from ASSETS). */
export function extractorFor(env: Env): ProfileExtractor {
  return chooseExtractor(env, offlineExtractor(env));
}
