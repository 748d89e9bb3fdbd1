// The Bot API surface, wire-compatible with Telegram's: /bot<token>/<method> with JSON,
// urlencoded or multipart bodies (or query parameters), and /file/bot<token>/<path>.
// The token is checked here, once; the bot's BotActor executes the method.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { chatKeyFor } from "../chat/chat-ids.ts";
import { checkUpload, effectiveMime, type MediaKind } from "../chat/media.ts";
import type { Upload } from "./content.ts";
import { labelBotCall, withoutTokens } from "./log-safe.ts";
import type { BotReason } from "./reasons.ts";
import { internalError, toTelegramError } from "./tg-errors.ts";
import type { Env } from "../env.ts";
import { privateFileCaching } from "../platform/security-headers.ts";

type BotEnv = { Bindings: Env; Variables: { botId: number } };

const fileFields: Record<string, MediaKind> = { photo: "image", document: "file", voice: "voice", video: "video", audio: "audio" };

/** The one way this surface answers a refusal: Telegram's error, with its status. */
function tgError(c: Context, reason: BotReason, extra: { detail?: string; retryAfter?: number } = {}) {
  const error = toTelegramError({ reason, ...extra });
  return c.json(error, error.error_code as 400);
}

const requireBot = createMiddleware<BotEnv>(async (c, next) => {
  const m = /^bot(\d{1,15}):([A-Za-z0-9_-]{20,64})$/.exec(c.req.param("token") ?? "");
  if (!m || !(await c.env.BOTS.getByName(m[1]!).authenticate(m[2]!))) return tgError(c, "unauthorized");
  c.set("botId", Number(m[1]));
  await next();
});

/** All parameters of a call, whatever carried them. Files stay File objects here. */
async function readParams(c: Context): Promise<Record<string, unknown> | null> {
  const params: Record<string, unknown> = { ...c.req.query() };
  if (c.req.method !== "POST") return params;
  const type = c.req.header("Content-Type") ?? "";
  try {
    if (type.includes("application/json")) {
      const text = await c.req.text();
      if (!text.trim()) return params;
      const body = JSON.parse(text) as unknown;
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
 * Uploads go to R2 under the target chat before the call; the actor is told of them apart
 * from the parameters, which name them as "upload://<field>", so no parameter can pose as an
 * upload. A field may hold the file itself or "attach://<part>" naming another part.
 */
async function storeUploads(
  env: Env,
  botId: number,
  params: Record<string, unknown>,
): Promise<{ uploads: Record<string, Upload>; keys: string[]; error?: { reason: BotReason; detail?: string } }> {
  const uploads: Record<string, Upload> = {};
  const keys: string[] = [];
  for (const [field, kind] of Object.entries(fileFields)) {
    let value = params[field];
    if (typeof value === "string" && value.startsWith("attach://")) value = params[value.slice("attach://".length)];
    if (!(value instanceof File)) continue;
    const chatKey = chatKeyFor(botId, Number(params.chat_id));
    if (!chatKey) return { uploads, keys, error: { reason: params.chat_id === undefined ? "upload_needs_chat" : "chat_not_found" } };
    const mime = effectiveMime(value.type, value.name);
    const check = checkUpload(mime, value.size, kind);
    if (!check.ok) return { uploads, keys, error: check.reason === "too_large" ? { reason: "upload_too_large" } : { reason: "upload_wrong_kind", detail: check.detail } };
    if (check.kind !== kind) return { uploads, keys, error: { reason: "upload_wrong_kind", detail: `the ${field} must be ${kind === "image" ? "an image" : `a ${kind}`}, not ${mime}` } };
    const fileId = crypto.randomUUID();
    const name = (value.name || "file").slice(0, 255);
    await env.MEDIA.put(`${chatKey}/${fileId}`, value.stream(), { httpMetadata: { contentType: check.mime }, customMetadata: { name } });
    keys.push(`${chatKey}/${fileId}`);
    uploads[field] = { key: chatKey, fileId, mime: check.mime, size: value.size, name };
    params[field] = `upload://${field}`;
  }
  for (const [k, v] of Object.entries(params)) if (v instanceof File) delete params[k];
  return { uploads, keys };
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
  .on(["GET", "POST"], `/${token}/:method`, async (c) => {
    const botId = c.get("botId");
    const params = await readParams(c);
    if (!params) return tgError(c, "cant_parse_body");
    const uploads = await storeUploads(c.env, botId, params);
    if (uploads.error) {
      await Promise.all(uploads.keys.map((k) => c.env.MEDIA.delete(k)));
      return tgError(c, uploads.error.reason, uploads.error);
    }
    const result = await c.env.BOTS.getByName(String(botId)).invoke(c.req.param("method"), params, uploads.uploads);
    if (!result.ok) {
      await Promise.all(uploads.keys.map((k) => c.env.MEDIA.delete(k)));
      return tgError(c, result.reason, result);
    }
    return c.json(result);
  });
