// Bots on the client API: create and manage (owners), find (everyone), start, block.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { privateChatKey } from "../chat/chat-ids.ts";
import { checkUpload } from "../chat/media.ts";
import { contentMatches } from "../chat/sniff.ts";
import { sha256Hex } from "../platform/crypto.ts";
import { createBotAccount, directory, findBot, botsOwnedBy, updateBotProfile } from "./queries.ts";
import { open } from "../platform/d1.ts";
import { request as linkFriends } from "../accounts/friends.ts";
import { HttpError, unwrap } from "../platform/errors.ts";
import { privateFileCaching } from "../platform/security-headers.ts";
import type { AppEnv } from "../accounts/session.ts";
import { refund, spendOrRefuse, userSubject } from "../accounts/quotas.ts";
import { body, parse } from "../platform/validate.ts";
import { primaryLanguage } from "./command-scopes.ts";
import { notificationConfigResponse, notificationStatsResponse } from "../notify/stats-routes.ts";

const username = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{1,29}bot$/i, "must be 5-32 letters, digits or _, start with a letter and end in 'bot'");
const profile = {
  name: z.string().trim().min(1, "must not be empty").max(64),
  description: z.string().max(512).optional(),
  about: z.string().max(120).optional(),
  category: z.string().max(32).optional(),
};
const limit = z.object({ rate: z.number().positive().max(1000), burst: z.number().int().min(1).max(10_000) });

/** A token is `<bot id>:<secret>`; only the secret's SHA-256 is kept (by the BotActor). */
function newToken(botId: number): { token: string; secretHash: Promise<string> } {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  const secret = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
  return { token: `${botId}:${secret}`, secretHash: sha256Hex(secret) };
}

async function ownBot(c: Context<AppEnv>) {
  const bot = await findBot(open(c.env.DB), c.req.param("username") ?? "");
  if (!bot) throw new HttpError(404, "bot_not_found", "no bot with that username");
  if (bot.ownerId !== c.get("user").id) throw new HttpError(403, "not_owner", "only the bot's owner may do that");
  return { bot, actor: c.env.BOTS.getByName(String(bot.id)) };
}

async function anyBot(c: Context<AppEnv>) {
  const bot = await findBot(open(c.env.DB), c.req.param("username") ?? "");
  if (!bot) throw new HttpError(404, "bot_not_found", "no bot with that username");
  return bot;
}

export const botRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const me = c.get("user");
    const input = await body(c, z.object({ username, ...profile }));
    const db = open(c.env.DB);
    const fields = { username: input.username, name: input.name, description: input.description ?? "", about: input.about ?? "", category: input.category ?? "" };
    const owned = [{ subject: userSubject(me.id), quota: "botsOwned" as const }];
    await spendOrRefuse(c, owned);
    const id = await createBotAccount(db, me.id, fields);
    if (id === null) {
      await refund(c.env, owned);
      throw new HttpError(409, "username_taken", `the username ${input.username} is taken`);
    }
    const { token, secretHash } = newToken(id);
    await c.env.BOTS.getByName(String(id)).init({ id, username: input.username, name: input.name, ownerId: me.id }, await secretHash);
    return c.json({ bot: { id, username: input.username, name: input.name }, token }, 201);
  })
  .get("/directory", async (c) => {
    const q = parse(z.string().max(64).optional(), c.req.query("q"));
    return c.json({ bots: await directory(open(c.env.DB), q?.trim() || undefined) });
  })
  .get("/mine", async (c) => {
    const mine = await botsOwnedBy(open(c.env.DB), c.get("user").id);
    const withStatus = await Promise.all(
      mine.map(async (b) => ({ ...b, commands: JSON.parse(b.commands), status: await c.env.BOTS.getByName(String(b.id)).status() })),
    );
    return c.json({ bots: withStatus });
  })
  .get("/:username", async (c) => {
    const b = await anyBot(c);
    const bot = { id: b.id, username: b.username, name: b.name, description: b.description, about: b.about, category: b.category, commands: b.commands };
    const inlinePlaceholder = await c.env.BOTS.getByName(String(b.id)).inlinePlaceholder();
    // The texts in the caller's language (?lang=), as setMyName and the rest left them per language.
    const texts = await c.env.BOTS.getByName(String(b.id)).profileTexts(primaryLanguage(parse(z.string().max(35).optional(), c.req.query("lang"))));
    return c.json({ bot: { ...bot, avatarUrl: b.avatar ? `/api/v1/bots/${b.username}/avatar` : null, ...(inlinePlaceholder !== null ? { inlinePlaceholder } : {}), texts } });
  })
  .patch("/:username", async (c) => {
    const { bot, actor } = await ownBot(c);
    const input = await body(
      c,
      z.object({
        ...profile,
        name: profile.name.optional(),
        privacy: z.boolean().optional(),
        rateLimits: z.object({ global: limit, privateChat: limit, group: limit }).optional(),
        // BotFather's /setinline: on with a placeholder for the composer, or off.
        inline: z.object({ enabled: z.boolean(), placeholder: z.string().trim().max(64).optional() }).optional(),
      }),
    );
    const { privacy, rateLimits, inline, ...fields } = input;
    await updateBotProfile(open(c.env.DB), bot.id, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    const inlinePlaceholder = inline ? (inline.enabled ? inline.placeholder || "Search…" : null) : undefined;
    await actor.configure({ ...(privacy !== undefined ? { privacy } : {}), ...(rateLimits ? { rateLimits } : {}), ...(inlinePlaceholder !== undefined ? { inlinePlaceholder } : {}), ...(fields.name ? { name: fields.name } : {}) });
    return c.json({ ok: true, status: await actor.status() });
  })
  .put("/:username/avatar", async (c) => {
    const { bot } = await ownBot(c);
    const type = c.req.header("Content-Type") ?? "";
    const size = Number(c.req.header("Content-Length") ?? 0);
    const check = checkUpload(type, size || 1);
    if (!check.ok || check.kind !== "image") throw new HttpError(415, "bad_media", "the avatar must be a JPEG, PNG, GIF or WebP image");
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength === 0 || bytes.byteLength > 1024 * 1024) throw new HttpError(413, "too_large", "the avatar must be 1 byte to 1 MiB");
    if (!contentMatches(check.mime, new Uint8Array(bytes))) throw new HttpError(415, "bad_media", `the avatar's content is not ${check.mime}`);
    const key = `avatars/${bot.id}`;
    await c.env.MEDIA.put(key, bytes, { httpMetadata: { contentType: check.mime } });
    await updateBotProfile(open(c.env.DB), bot.id, { avatar: key });
    return c.json({ ok: true });
  })
  .get("/:username/avatar", async (c) => {
    const bot = await anyBot(c);
    const object = bot.avatar ? await c.env.MEDIA.get(bot.avatar) : null;
    if (!object) throw new HttpError(404, "no_avatar", "this bot has no avatar");
    return new Response(object.body, { headers: { "Content-Type": object.httpMetadata?.contentType ?? "image/png", "Cache-Control": privateFileCaching } });
  })
  .get("/:username/status", async (c) => {
    const { actor } = await ownBot(c);
    return c.json({ status: await actor.status() });
  })
  // How the bot's notifications fare per channel, and its dead letters (notify/stats.ts).
  .get("/:username/notification-stats", async (c) => notificationStatsResponse(c, (await ownBot(c)).bot.id))
  .get("/:username/notification-config", async (c) => notificationConfigResponse(c, (await ownBot(c)).bot.id))
  .put("/:username/notification-config", async (c) => notificationConfigResponse(c, (await ownBot(c)).bot.id))
  .post("/:username/token", async (c) => {
    const { bot, actor } = await ownBot(c);
    const { token, secretHash } = newToken(bot.id);
    await actor.setTokenHash(await secretHash);
    return c.json({ token });
  })
  .delete("/:username/token", async (c) => {
    const { actor } = await ownBot(c);
    await actor.setTokenHash(null);
    return c.json({ ok: true });
  })
  .post("/:username/start", async (c) => {
    const me = c.get("user");
    const bot = await anyBot(c);
    const raw = await c.req.text();
    const input = parse(
      z.object({
        payload: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -").optional(),
        unblock: z.boolean().optional(),
      }),
      raw.trim() ? safeJson(raw) : {},
    );
    const key = privateChatKey(me.id, bot.id);
    const chat = c.env.CHATS.getByName(key);
    // A link can start a bot the user blocked; it is unblocked only when the user said so.
    const seen = await chat.describe(me.id);
    if (seen.ok && seen.value.blocked && !input.unblock) {
      throw new HttpError(409, "bot_blocked", `you have blocked @${bot.username}; start it with {"unblock":true} to unblock it`);
    }
    const db = open(c.env.DB);
    await linkFriends(db, me.id, bot.id);
    await linkFriends(db, bot.id, me.id);
    await chat.openPrivate(key, me, { id: bot.id, handle: bot.username, displayName: bot.name, isBot: true });
    unwrap(await chat.setBlocked(me.id, false)); // asked for above, when it was blocked
    unwrap(await chat.post(me, { text: input.payload ? `/start ${input.payload}` : "/start" }));
    return c.json({ chat: { id: bot.id } });
  })
  .post("/:username/block", async (c) => {
    const bot = await anyBot(c);
    unwrap(await c.env.CHATS.getByName(privateChatKey(c.get("user").id, bot.id)).setBlocked(c.get("user").id, true));
    return c.json({ ok: true });
  })
  .post("/:username/unblock", async (c) => {
    const bot = await anyBot(c);
    unwrap(await c.env.CHATS.getByName(privateChatKey(c.get("user").id, bot.id)).setBlocked(c.get("user").id, false));
    return c.json({ ok: true });
  });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "bad_request", "the body must be JSON");
  }
}
