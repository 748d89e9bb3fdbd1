// Inline mode and inline buttons on the client API, under /api/v1/inline:
//   POST /query      a user types "@bot query" in a chat's composer: the bot's results
//   GET  /:botId/:queryId/:index/thumbnail   a result's thumbnail, fetched by the platform
//   POST /choose     the user picks a result: posted into the chat as theirs, "via @bot"
//   POST /login      a login_url button, confirmed by the user: the URL with signed login data
//
// Thumbnails a bot names by URL are fetched here, never by the browser: the bot does not
// learn who looks at its results, the web app's Content-Security-Policy keeps img-src to our
// own origin (and blob:), and only URLs in an answer given to this very user can be fetched,
// each checked against private addresses (platform/public-fetch.ts), bounded and sniffed;
// each is fetched once per shown result and kept in R2 while the answer is (inline-thumbnails.ts).
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import { refund, spendOrRefuse, userSubject } from "../accounts/quotas.ts";
import { memberChat } from "../chat/guards.ts";
import { contentMatches } from "../chat/sniff.ts";
import { open } from "../platform/d1.ts";
import { failure, HttpError } from "../platform/errors.ts";
import { fetchPublic } from "../platform/public-fetch.ts";
import { privateFileCaching } from "../platform/security-headers.ts";
import { body, parse, positiveId } from "../platform/validate.ts";
import type { InlineAnswerView } from "../protocol/api.ts";
import type { InlineButton, Message } from "../protocol/messages.ts";
import type { InlineChatType } from "./inline-queries.ts";
import type { StoredAnswer } from "./inline-results.ts";
import { keepThumbnail, keptThumbnail, thumbnailKey, type KeptThumbnail } from "./inline-thumbnails.ts";
import { findBot } from "./queries.ts";

const MiB = 1024 * 1024;
/** Telegram's limit for a photo sent by URL; a thumbnail is usually far smaller. */
const THUMBNAIL_BYTES = 5 * MiB;
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

const botUsername = z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{1,31}$/, "is not a bot username").transform((u) => u.replace(/^@/, ""));
const chatId = z.number().int().refine((n) => n !== 0, "names no chat");
const queryId = z.string().regex(/^\d{1,20}$/, "is not a query id");

function chatTypeOf(chatId: number, botId: number): InlineChatType {
  if (chatId < 0) return "group";
  return chatId === botId ? "sender" : "private";
}

function view(queryId: string, bot: { id: number; username: string; name: string }, a: StoredAnswer): InlineAnswerView {
  const out: InlineAnswerView = {
    queryId,
    bot,
    nextOffset: a.nextOffset,
    results: a.results.map((r, i) => ({
      id: r.id,
      type: r.type,
      text: r.text,
      ...(r.title ? { title: r.title } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.thumbnail ? { thumbnailUrl: `/api/v1/inline/${bot.id}/${queryId}/${i}/thumbnail` } : {}),
    })),
  };
  if (a.button) out.button = a.button;
  return out;
}

function imageTypeOf(bytes: Uint8Array): string | null {
  return IMAGE_TYPES.find((t) => contentMatches(t, bytes.subarray(0, 16))) ?? null;
}

/** Fetches a result's thumbnail from the bot's URL and keeps what came of it (bytes, or why none) under `key`. */
async function fetchThumbnail(c: Context<AppEnv>, url: string, key: string): Promise<KeptThumbnail> {
  const fetched = await fetchPublic(url, { maxBytes: THUMBNAIL_BYTES, allowLoopbackHttp: c.env.LOCAL_WEBHOOKS === "1", allowHttp: true });
  const type = fetched.ok ? imageTypeOf(fetched.bytes) : null;
  if (!fetched.ok || !type) {
    const refused = fetched.ok ? "the thumbnail is not an image" : `the thumbnail could not be fetched: ${fetched.detail}`;
    await keepThumbnail(c.env.MEDIA, key, { refused });
    return { ok: false, detail: refused };
  }
  await keepThumbnail(c.env.MEDIA, key, { bytes: fetched.bytes, type });
  return { ok: true, body: fetched.bytes, type };
}

export const inlineRoutes = new Hono<AppEnv>()
  .post("/query", async (c) => {
    const me = c.get("user");
    const input = await body(
      c,
      z.object({ bot: botUsername, chatId, query: z.string().max(256, "must be at most 256 characters"), offset: z.string().max(64).default("") }),
    );
    const bot = await findBot(open(c.env.DB), input.bot);
    if (!bot) throw new HttpError(404, "bot_not_found", `there is no bot @${input.bot}`);
    await memberChat(c, input.chatId);
    const spent = [{ subject: userSubject(me.id), quota: "inlineQueries" as const }];
    await spendOrRefuse(c, spent);
    const asked = await c.env.BOTS.getByName(String(bot.id)).inlineQuery({
      user: { id: me.id, handle: me.handle, displayName: me.displayName },
      query: input.query,
      offset: input.offset,
      chatType: chatTypeOf(input.chatId, bot.id),
    });
    if (!asked.ok) {
      await refund(c.env, spent);
      throw new HttpError(409, "inline_off", `@${bot.username} does not support inline mode`);
    }
    const { queryId: id, answer } = asked.value;
    return c.json({ queryId: id, answer: answer ? view(id, { id: bot.id, username: bot.username, name: bot.name }, answer) : null });
  })
  .get("/:botId/:queryId/:index/thumbnail", async (c) => {
    const botId = parse(positiveId, c.req.param("botId"));
    const id = parse(queryId, c.req.param("queryId"));
    const index = parse(z.string().regex(/^\d{1,2}$/, "is not a result index").transform(Number), c.req.param("index"));
    const actor = c.env.BOTS.getByName(String(botId));
    const result = await actor.inlineResult(c.get("user").id, id, index);
    const source = result?.thumbnail;
    if (!source) throw new HttpError(404, "no_thumbnail", "no such result, or it has no thumbnail");
    let bytes: Uint8Array | ReadableStream;
    let type: string | null;
    if ("url" in source) {
      const key = thumbnailKey(botId, id, index);
      const kept = (await keptThumbnail(c.env.MEDIA, key)) ?? (await fetchThumbnail(c, source.url, key));
      if (!kept.ok) throw new HttpError(502, "thumbnail_unavailable", kept.detail);
      bytes = kept.body;
      type = kept.type;
    } else {
      const file = await actor.readableFile(source.fileId);
      const object = file ? await c.env.MEDIA.get(`${file.chatKey}/${file.fileId}`) : null;
      if (!object) throw new HttpError(404, "no_thumbnail", "the bot's file is gone");
      type = object.httpMetadata?.contentType ?? null;
      if (!type || !IMAGE_TYPES.includes(type)) {
        await object.body.cancel();
        type = null;
      }
      bytes = object.body;
    }
    if (!type) throw new HttpError(502, "thumbnail_unavailable", "the thumbnail is not an image");
    return new Response(bytes, { headers: { "Content-Type": type, "Cache-Control": privateFileCaching, "X-Content-Type-Options": "nosniff" } });
  })
  .post("/choose", async (c) => {
    const me = c.get("user");
    const input = await body(
      c,
      z.object({
        botId: z.number().int().positive(),
        queryId,
        resultId: z.string().min(1).max(64),
        chatId,
        clientMsgId: z.string().min(1).max(64).optional(),
      }),
    );
    const { key } = await memberChat(c, input.chatId);
    const spent = [{ subject: userSubject(me.id), quota: "messages" as const }];
    await spendOrRefuse(c, spent);
    const sender = { id: me.id, handle: me.handle, displayName: me.displayName };
    const r = await c.env.BOTS.getByName(String(input.botId)).chooseInlineResult(sender, input.queryId, input.resultId, key, input.clientMsgId);
    if (!r.ok) {
      await refund(c.env, spent);
      throw failure(r.reason);
    }
    return c.json({ message: r.value satisfies Message }, 201);
  })
  .post("/login", async (c) => {
    const me = c.get("user");
    const input = await body(
      c,
      z.object({ chatId, messageId: z.number().int().positive(), row: z.number().int().min(0).max(99), column: z.number().int().min(0).max(7) }),
    );
    const { key } = await memberChat(c, input.chatId);
    const page = await c.env.CHATS.getByName(key).history(me.id, { after: input.messageId - 1, limit: 1 });
    const m = page.ok ? page.value.find((x) => x.id === input.messageId) : undefined;
    if (!m) throw failure("message_not_found");
    const rows: InlineButton[][] = m.replyMarkup && "inline_keyboard" in m.replyMarkup ? m.replyMarkup.inline_keyboard : [];
    const login = rows[input.row]?.[input.column]?.login_url;
    // The bot that sent the message, or whose inline result it is: only it signs the login.
    const bot = m.viaBot ?? (m.from.isBot ? m.from : null);
    if (!login || !bot) throw new HttpError(400, "no_such_button", "that message has no login button there");
    if (login.bot_username && login.bot_username.replace(/^@/, "").toLowerCase() !== bot.handle.toLowerCase()) {
      throw new HttpError(400, "login_bot_mismatch", "a login button signs in with the bot that sent it, not another");
    }
    const url = await c.env.BOTS.getByName(String(bot.id)).signLogin({ id: me.id, firstName: me.displayName, username: me.handle }, login.url);
    if (!url) throw new HttpError(409, "login_unavailable", `@${bot.handle} has not used its current token yet, so it cannot sign logins`);
    return c.json({ url });
  });
