// The Bot API surface, wire-compatible with Telegram's: /bot<token>/<method> with JSON,
// urlencoded or multipart bodies (or query parameters), and /file/bot<token>/<path>.
// The token is checked here, once; the bot's BotActor executes the method.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { chatKeyFor } from "../chat/chat-ids.ts";
import { statedFacts } from "../chat/media.ts";
import { removeMedia, storeMedia } from "../chat/media-store.ts";
import { parseBoundedJson } from "../platform/bounded-json.ts";
import { open } from "../platform/d1.ts";
import { KnownSet } from "../platform/known-set.ts";
import { ok, refuse } from "../platform/result.ts";
import type { Upload } from "./content.ts";
import { botExists } from "./queries.ts";
import { labelBotCall, withoutTokens } from "./log-safe.ts";
import type { BotReason, BotResult } from "./reasons.ts";
import { methodNamed, parseCall, type ParsedCall } from "./schemas.ts";
import { checkPart, detachFiles, takeFileParam, takeInputMediaParts, type CheckedPart, type FilePart } from "./upload-parts.ts";
import { internalError, toTelegramError } from "./tg-errors.ts";
import type { Env } from "../env.ts";
import { privateFileCaching } from "../platform/security-headers.ts";

type BotEnv = { Bindings: Env; Variables: { botId: number } };

const MiB = 1024 * 1024;
/** Bodies carrying a file: Telegram's 50 MB upload limit for bots (our largest kind), and room for the other fields. */
const UPLOAD_BODY_LIMIT = 51 * MiB;
/** Any other body. Ours: a text is 4096 characters and a keyboard 100 buttons, far below this. */
const PARAMS_BODY_LIMIT = 1 * MiB;

/** The one way this surface answers a refusal: Telegram's error, with its status. */
function tgError(c: Context, reason: BotReason, extra: { detail?: string; retryAfter?: number } = {}) {
  const error = toTelegramError({ reason, ...extra });
  return c.json(error, error.error_code as 400);
}

/** Bot ids D1 has shown to exist, remembered per isolate: a made-up id never reaches (or makes) an actor. */
const knownBots = new KnownSet();

const requireBot = createMiddleware<BotEnv>(async (c, next) => {
  const m = /^bot(\d{1,15}):([A-Za-z0-9_-]{20,64})$/.exec(c.req.param("token") ?? "");
  if (!m || !(await knownBots.check(m[1]!, () => botExists(open(c.env.DB), Number(m[1]))))) return tgError(c, "unauthorized");
  if (!(await c.env.BOTS.getByName(m[1]!).authenticate(m[2]!))) return tgError(c, "unauthorized");
  c.set("botId", Number(m[1]));
  await next();
});

const uploadBodyLimit = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: (c) => tgError(c, "upload_too_large") });
const paramsBodyLimit = bodyLimit({ maxSize: PARAMS_BODY_LIMIT, onError: (c) => tgError(c, "upload_too_large") });

/** What the edge reads is bounded before it is read, whether or not the body states its length. */
const limitBody = createMiddleware<BotEnv>((c, next) =>
  ((c.req.header("Content-Type") ?? "").includes("multipart/form-data") ? uploadBodyLimit : paramsBodyLimit)(c, next),
);

/** All parameters of a call, whatever carried them. Files stay File objects here. */
async function readParams(c: Context): Promise<Record<string, unknown> | null> {
  const params: Record<string, unknown> = { ...c.req.query() };
  if (c.req.method !== "POST") return params;
  const type = c.req.header("Content-Type") ?? "";
  try {
    if (type.includes("application/json")) {
      const text = await c.req.text();
      if (!text.trim()) return params;
      const body = parseBoundedJson(text);
      if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
      return { ...params, ...(body as Record<string, unknown>) };
    }
    if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
      const form = await c.req.formData();
      for (const [k, v] of form.entries()) params[k] = v;
    }
  } catch {
    return null;
  }
  return params;
}

/**
 * Checks first, stores after: the files go to R2 under the target chat only once the call has
 * parsed, the bot is a member of that chat, and every file has passed its checks (kind, size,
 * content; upload-parts.ts). Should a write fail, what was stored is removed.
 */
async function storeUploads(env: Env, botId: number, call: ParsedCall, parts: FilePart[]): Promise<BotResult<Record<string, Upload>>> {
  const chatId = "chat_id" in call.params ? call.params.chat_id : undefined;
  if (chatId === undefined) return refuse("upload_needs_chat");
  const chatKey = typeof chatId === "number" ? chatKeyFor(botId, chatId) : null;
  if (typeof chatId !== "number" || !chatKey) return refuse("chat_not_found");
  const checked: CheckedPart[] = [];
  for (const part of parts) {
    const c = await checkPart(part);
    if (!c.ok) return c;
    checked.push(c.value);
  }
  if (!(await env.CHATS.getByName(chatKey).isMember(botId))) return refuse(chatId > 0 ? "cant_initiate" : "not_in_group");
  const uploads: Record<string, Upload> = {};
  try {
    for (const c of checked) {
      const file = { kind: c.kind, mime: c.mime, name: (c.file.name || "file").slice(0, 255), size: c.file.size, body: c.bytes ?? c.file.stream() };
      uploads[c.name] = { key: chatKey, ...(await storeMedia(env.MEDIA, chatKey, file, c.stated, c.thumb ?? undefined)) };
    }
  } catch (err) {
    await removeUploads(env, uploads);
    throw err;
  }
  return ok(uploads);
}

function removeUploads(env: Env, uploads: Record<string, Upload>): Promise<unknown> {
  return Promise.all(Object.values(uploads).map((u) => removeMedia(env.MEDIA, u.key, u)));
}

const token = ":token{bot[0-9]+:[A-Za-z0-9_-]+}";

export const botApi = new Hono<BotEnv>()
  .onError((err, c) => {
    const { botId, method, secret } = labelBotCall(c.req.path);
    console.error("Bot API failure", { botId, method }, withoutTokens(err instanceof Error ? (err.stack ?? String(err)) : String(err), secret));
    return c.json(internalError, 500);
  })
  .use(`/${token}/*`, requireBot)
  .use(`/file/${token}/*`, requireBot)
  .get(`/file/${token}/:dir/:file`, async (c) => {
    const key = await c.env.BOTS.getByName(String(c.get("botId"))).fileKey(`${c.req.param("dir")}/${c.req.param("file")}`);
    const object = key ? await c.env.MEDIA.get(key) : null;
    if (!object) return tgError(c, "file_not_found");
    return new Response(object.body, {
      headers: { "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream", "Content-Length": String(object.size), "Cache-Control": privateFileCaching },
    });
  })
  .use(`/${token}/:method`, limitBody)
  .on(["GET", "POST"], `/${token}/:method`, async (c) => {
    const botId = c.get("botId");
    const raw = await readParams(c);
    if (!raw) return tgError(c, "cant_parse_body");
    const method = methodNamed(c.req.param("method")) ?? "";
    const files = detachFiles(raw);
    const single = takeFileParam(method, raw, files);
    // Parsed here, at the edge: only known parameters cross into the actor.
    const call = parseCall(c.req.param("method"), raw);
    if (!call.ok) return tgError(c, call.reason, call);
    const named = takeInputMediaParts(call.value, files, statedFacts);
    if (!named.ok) return tgError(c, named.reason, named);
    const parts = single ? [{ ...single, stated: statedFacts(call.value.params as Parameters<typeof statedFacts>[0]) }, ...named.value] : named.value;
    const actor = c.env.BOTS.getByName(String(botId));
    if (!parts.length) {
      const result = await actor.invoke(call.value);
      return result.ok ? c.json(result) : tgError(c, result.reason, result);
    }
    const uploads = await storeUploads(c.env, botId, call.value, parts);
    if (!uploads.ok) return tgError(c, uploads.reason, uploads);
    // Stored files a refused call did not use are removed. A call that failed outright may have
    // failed after the chat stored a message using them: they are kept (and logged), as a file
    // nobody uses is a smaller harm than a message whose file is gone.
    let result;
    try {
      result = await actor.invoke(call.value, uploads.value);
    } catch (err) {
      console.warn("Bot API call failed with files stored; they are kept", { botId, method, files: Object.values(uploads.value).map((u) => `${u.key}/${u.fileId}`) });
      throw err;
    }
    if (!result.ok) {
      await removeUploads(c.env, uploads.value);
      return tgError(c, result.reason, result);
    }
    return c.json(result);
  });
