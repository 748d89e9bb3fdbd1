// The Bot API surface, wire-compatible with Telegram's: /bot<token>/<method> with JSON,
// urlencoded or multipart bodies (or query parameters), and /file/bot<token>/<path>.
// The token is checked here, once; the bot's BotActor executes the method.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { chatKeyFor } from "../chat/chat-ids.ts";
import { checkUpload, effectiveMime, type MediaKind } from "../chat/media.ts";
import { contentMatches, SNIFF_BYTES } from "../chat/sniff.ts";
import { parseBoundedJson } from "../platform/bounded-json.ts";
import { open } from "../platform/d1.ts";
import { KnownSet } from "../platform/known-set.ts";
import { ok, refuse } from "../platform/result.ts";
import type { Upload } from "./content.ts";
import { botExists } from "./queries.ts";
import { labelBotCall, withoutTokens } from "./log-safe.ts";
import type { BotReason, BotResult } from "./reasons.ts";
import { methodNamed, parseCall, type MethodName, type ParsedCall } from "./schemas.ts";
import { internalError, toTelegramError } from "./tg-errors.ts";
import type { Env } from "../env.ts";
import { privateFileCaching } from "../platform/security-headers.ts";

type BotEnv = { Bindings: Env; Variables: { botId: number } };

/**
 * The file parameters each method takes, and the kind each must be. A call takes at most one
 * file: the first of these fields it gives (as methods.ts reads a schedule's photo before its
 * document). Every other file part is dropped unread.
 */
const fileParams: Partial<Record<MethodName, Record<string, MediaKind>>> = {
  sendPhoto: { photo: "image" },
  sendDocument: { document: "file" },
  sendVoice: { voice: "voice" },
  sendVideo: { video: "video" },
  sendAudio: { audio: "audio" },
  scheduleMessage: { photo: "image", document: "file" },
  broadcastMessage: { photo: "image", document: "file" },
};

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

type FilePart = { field: string; kind: MediaKind; file: File };

/**
 * The one file part this call takes, its parameter renamed "upload://<field>" (so no
 * parameter can pose as an upload: the actor is told of uploads apart from the parameters).
 * A field may hold the file itself or "attach://<part>" naming another part. Every file part
 * is removed from `raw`.
 */
function takeFilePart(method: string, raw: Record<string, unknown>): FilePart | null {
  const fields = Object.hasOwn(fileParams, method) ? fileParams[method as MethodName]! : {};
  const field = Object.keys(fields).find((f) => raw[f] !== undefined && raw[f] !== "");
  let taken: FilePart | null = null;
  if (field) {
    let value = raw[field];
    if (typeof value === "string" && value.startsWith("attach://")) value = raw[value.slice("attach://".length)];
    if (value instanceof File) {
      taken = { field, kind: fields[field]!, file: value };
      raw[field] = `upload://${field}`;
    }
  }
  for (const [k, v] of Object.entries(raw)) if (v instanceof File) delete raw[k];
  return taken;
}

/**
 * Checks first, stores after: the file goes to R2 under the target chat only once the call
 * has parsed, the bot is a member of that chat, and the file is of the kind the field takes,
 * its size within bounds and its first bytes what its type says.
 */
async function storeUpload(env: Env, botId: number, call: ParsedCall, { field, kind, file }: FilePart): Promise<BotResult<Upload>> {
  const chatId = "chat_id" in call.params ? call.params.chat_id : undefined;
  if (chatId === undefined) return refuse("upload_needs_chat");
  const chatKey = typeof chatId === "number" ? chatKeyFor(botId, chatId) : null;
  if (typeof chatId !== "number" || !chatKey) return refuse("chat_not_found");
  const mime = effectiveMime(file.type, file.name);
  const check = checkUpload(mime, file.size, kind);
  if (!check.ok) return check.reason === "too_large" ? refuse("upload_too_large") : refuse("upload_wrong_kind", { detail: check.detail });
  if (check.kind !== kind) return refuse("upload_wrong_kind", { detail: `the ${field} must be ${kind === "image" ? "an image" : `a ${kind}`}, not ${mime}` });
  if (!contentMatches(check.mime, new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))) {
    return refuse("upload_wrong_kind", { detail: `the ${field}'s content is not ${check.mime}` });
  }
  const chat = env.CHATS.getByName(chatKey);
  if (!(await chat.isMember(botId))) return refuse(chatId > 0 ? "cant_initiate" : "not_in_group");
  const fileId = crypto.randomUUID();
  const name = (file.name || "file").slice(0, 255);
  await env.MEDIA.put(`${chatKey}/${fileId}`, file.stream(), { httpMetadata: { contentType: check.mime }, customMetadata: { name } });
  return ok({ key: chatKey, fileId, mime: check.mime, size: file.size, name });
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
    const part = takeFilePart(methodNamed(c.req.param("method")) ?? "", raw);
    // Parsed here, at the edge: only known parameters cross into the actor.
    const call = parseCall(c.req.param("method"), raw);
    if (!call.ok) return tgError(c, call.reason, call);
    const actor = c.env.BOTS.getByName(String(botId));
    if (!part) {
      const result = await actor.invoke(call.value);
      return result.ok ? c.json(result) : tgError(c, result.reason, result);
    }
    const upload = await storeUpload(c.env, botId, call.value, part);
    if (!upload.ok) return tgError(c, upload.reason, upload);
    // A stored file the call did not use (refused, or failed) is removed.
    const removeUpload = () => c.env.MEDIA.delete(`${upload.value.key}/${upload.value.fileId}`);
    let result;
    try {
      result = await actor.invoke(call.value, { [part.field]: upload.value });
    } catch (err) {
      await removeUpload();
      throw err;
    }
    if (!result.ok) {
      await removeUpload();
      return tgError(c, result.reason, result);
    }
    return c.json(result);
  });
