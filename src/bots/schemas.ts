// The Bot API's calls as they arrive: which method a name calls, and its parameters parsed by
// that method's schema (the schemas live with their handlers, in methods/).
import type { z } from "zod";
import { ok, refuse } from "../platform/result.ts";
import { paramSchemas, type MethodName } from "./methods/index.ts";
import { isTelegramSentence } from "./params.ts";
import type { BotResult } from "./reasons.ts";

export { paramSchemas, type MethodName };


export type Params<M extends MethodName> = z.infer<(typeof paramSchemas)[M]>;

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(paramSchemas, name);
}

const byLowerCase = new Map(Object.keys(paramSchemas).map((m) => [m.toLowerCase(), m as MethodName]));

/** The method a name calls: "All methods in the Bot API are case-insensitive" (Telegram), so `setWebHook` is `setWebhook`. */
export function methodNamed(name: string): MethodName | null {
  return byLowerCase.get(name.toLowerCase()) ?? null;
}

/** A call with only its method's known parameters, parsed: what may cross into a BotActor. */
export type ParsedCall = { [M in MethodName]: { method: M; params: Params<M> } }[MethodName];

/**
 * The one way a Bot API call's parameters are read, wherever the call came from (the HTTP
 * edge, a webhook's answer): unknown parameters are dropped here, before anything travels
 * over RPC, and known ones take their schema's shape and bounds.
 */
export function parseCall(name: string, raw: Record<string, unknown>): BotResult<ParsedCall> {
  const method = methodNamed(name);
  if (!method) return refuse("method_not_found");
  const parsed = paramSchemas[method].safeParse(raw);
  if (!parsed.success) return refuse("bad_parameters", { detail: badRequest(parsed.error, raw) });
  return ok({ method, params: parsed.data } as ParsedCall);
}

/** What is wrong with the parameters, in Telegram's style ("<field>: <problem>", "<field> is empty"). */
export function badRequest(error: z.ZodError, raw: Record<string, unknown> = {}): string {
  const issue = error.issues[0];
  if (!issue) return "invalid parameters";
  const field = issue.path.join(".");
  const top = issue.path[0];
  const missing = typeof top === "string" && issue.path.length === 1 && (raw[top] === undefined || raw[top] === "");
  // Telegram's words for the commonest mistakes: "message text is empty", "chat_id is empty".
  if (field === "text" && (missing || issue.code === "too_small")) return "message text is empty";
  if (missing) return `${field} is empty`;
  // Telegram's own error words stand alone, wherever the field sits: "BUTTON_DATA_INVALID",
  // "RESULTS_TOO_MUCH", "can't parse inline keyboard button: ...", "wrong poll type specified".
  if (/^[A-Z][A-Z0-9_]+$/.test(issue.message) || issue.message.startsWith("can't parse ") || isTelegramSentence(issue.message)) return issue.message;
  return `${field ? `${field}: ` : ""}${issue.message}`;
}
