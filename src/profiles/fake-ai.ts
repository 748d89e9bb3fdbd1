// A test double of the Workers AI binding (`env.AI`), shared by the Deno tests and the
// workerd test. It checks each request as the service would reject it (an unknown model,
// messages without roles, JSON mode without a schema, streaming in JSON mode, image bytes
// that are not an array of byte values) and answers in the service's shape: `{response,
// usage}`, where JSON mode's `response` is an object (as documented) or, as models also
// answer, a string of JSON. What the "model" says is scripted by the test.
import type { AiRunner } from "./workers-ai-extractor.ts";

/** Models Workers AI documents for JSON mode (developers.cloudflare.com/workers-ai/json-mode). */
const JSON_MODE_MODELS = new Set([
  "@cf/meta/llama-3.1-8b-instruct-fast",
  "@cf/meta/llama-3.1-70b-instruct",
  "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
  "@cf/meta/llama-3-8b-instruct",
  "@cf/meta/llama-3.1-8b-instruct",
  "@cf/meta/llama-3.2-11b-vision-instruct",
]);
const VISION_MODELS = new Set(["@cf/meta/llama-3.2-11b-vision-instruct"]);
const ROLES = new Set(["system", "user", "assistant"]);

export interface FakeCall {
  model: string;
  inputs: Record<string, unknown>;
  /** The last user message's text. */
  prompt: string;
}

/** What the scripted model answers: a JSON value, or an Error the binding throws. */
export type Script = (call: FakeCall) => unknown;

export interface FakeAi extends AiRunner {
  calls: FakeCall[];
}

function check(model: string, inputs: Record<string, unknown>): string {
  if (!JSON_MODE_MODELS.has(model)) throw new Error(`5007: No such model ${model} or task`);
  const messages = inputs.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw new Error("5006: Type mismatch of '/messages', 'array' not in 'string'");
  for (const m of messages) {
    if (typeof m !== "object" || m === null || !ROLES.has(m.role) || typeof m.content !== "string") {
      throw new Error("5006: each message needs a role (system, user, assistant) and string content");
    }
  }
  const last = messages[messages.length - 1] as { role: string; content: string };
  if (last.role !== "user") throw new Error("5006: the last message must be the user's");
  const format = inputs.response_format as { type?: unknown; json_schema?: { type?: unknown; properties?: unknown } } | undefined;
  if (format?.type !== "json_schema" || format.json_schema?.type !== "object" || typeof format.json_schema.properties !== "object") {
    throw new Error("5006: response_format must be {type: 'json_schema', json_schema: {type: 'object', properties}}");
  }
  if (inputs.stream === true) throw new Error("5006: JSON Mode does not support streaming");
  if (typeof inputs.max_tokens !== "number" || inputs.max_tokens < 1 || inputs.max_tokens > 4096) throw new Error("5006: max_tokens out of range");
  const image = inputs.image;
  if (VISION_MODELS.has(model)) {
    if (!Array.isArray(image) || image.length === 0 || !image.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
      throw new Error("5006: image must be an array of byte values");
    }
    if (messages.some((m: { role: string }) => m.role === "system")) throw new Error("5006: no system prompt with an image");
  } else if (image !== undefined) {
    throw new Error(`5006: ${model} takes no image`);
  }
  return last.content;
}

/**
 * A fake binding: each call is checked, recorded, and answered with what `script` returns,
 * wrapped as `{response, usage}` (`response` stringified when `asString`).
 */
export function fakeAi(script: Script, options: { asString?: boolean } = {}): FakeAi {
  const calls: FakeCall[] = [];
  return {
    calls,
    async run(model, inputs) {
      const prompt = check(model, inputs);
      const call = { model, inputs, prompt };
      calls.push(call);
      const said = script(call);
      if (said instanceof Error) throw said;
      const response = options.asString ? JSON.stringify(said) : said;
      return { response, usage: { prompt_tokens: prompt.length, completion_tokens: 100, total_tokens: prompt.length + 100 } };
    },
  };
}
