// Hold up under attack: every list a bot can send is bounded, unknown parameters never reach
// an actor, links are safe for every client, and uploads are checked before they are kept.
import { beforeAll, describe, expect, it } from "vitest";
import { env, exports } from "cloudflare:workers";
import { call, register, type Session } from "./client.ts";
import { createBot, start, type TestBot } from "./bot-helpers.ts";

const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
const notAnImage = new TextEncoder().encode("I am a text file, not a picture");

let user: Session;
let bot: TestBot;
let chatKey: string;

async function raw(method: string, body: string | FormData, type?: string) {
  const headers: Record<string, string> = type ? { "Content-Type": type } : {};
  const r = await exports.default.fetch(new Request(`http://switchboard.test/bot${bot.token}/${method}`, { method: "POST", headers, body }));
  return { status: r.status, body: (await r.json()) as any };
}

async function stored(prefix = ""): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix, ...(cursor ? { cursor } : {}) });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys.sort();
}

function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

beforeAll(async () => {
  user = await register();
  bot = await createBot(await register());
  await start(user, bot);
  chatKey = `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}`;
});

describe("bounded lists", () => {
  it("refuses a message with 100,000 entities, or with more than 100", async () => {
    const entities = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "bold", offset: i % 4, length: 1 }));
    const r = await bot.api("sendMessage", { chat_id: user.user.id, text: "abcd", entities: entities(100_000) });
    expect(r.ok).toBe(false);
    expect([400, 413]).toContain(r.error_code); // too many, or a body too large to read
    expect(await bot.api("sendMessage", { chat_id: user.user.id, text: "abcd", entities: entities(101) })).toMatchObject({ ok: false, error_code: 400 });
    expect((await bot.api("sendMessage", { chat_id: user.user.id, text: "abcd", entities: entities(100) })).ok).toBe(true);
  });

  it("refuses entities outside the text", async () => {
    const r = await bot.api("sendMessage", { chat_id: user.user.id, text: "abcd", entities: [{ type: "bold", offset: 2, length: 10 }] });
    expect(r).toMatchObject({ ok: false, error_code: 400 });
    const caption = new FormData();
    caption.set("chat_id", String(user.user.id));
    caption.set("caption", "hi");
    caption.set("caption_entities", JSON.stringify([{ type: "italic", offset: 5, length: 1 }]));
    caption.set("photo", new Blob([png], { type: "image/png" }), "dot.png");
    expect((await raw("sendPhoto", caption)).status).toBe(400);
  });

  it("holds inline keyboards to Telegram's 100 buttons and reply keyboards to 12 a row", async () => {
    const row = Array.from({ length: 8 }, (_, i) => ({ text: `b${i}`, callback_data: `d${i}` }));
    const tooMany = await bot.api("sendMessage", { chat_id: user.user.id, text: "x", reply_markup: { inline_keyboard: Array.from({ length: 13 }, () => row) } });
    expect(tooMany).toMatchObject({ ok: false, error_code: 400 });
    const wide = await bot.api("sendMessage", { chat_id: user.user.id, text: "x", reply_markup: { keyboard: [Array.from({ length: 13 }, (_, i) => `k${i}`)] } });
    expect(wide).toMatchObject({ ok: false, error_code: 400 });
    const fine = await bot.api("sendMessage", { chat_id: user.user.id, text: "x", reply_markup: { inline_keyboard: Array.from({ length: 12 }, () => row) } });
    expect(fine.ok).toBe(true);
  });

  it("holds commands and allowed_updates to Telegram's limits", async () => {
    const commands = Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: "d" }));
    expect(await bot.api("setMyCommands", { commands })).toMatchObject({ ok: false, error_code: 400 });
    const allowed = Array.from({ length: 1000 }, () => "message");
    expect(await bot.api("getUpdates", { allowed_updates: allowed, timeout: 0 })).toMatchObject({ ok: false, error_code: 400 });
  });
});

describe("what the edge reads", () => {
  it("answers a deeply nested parameter, known or not, Telegram-shaped; unknown ones are dropped", async () => {
    const r = await bot.api("sendMessage", { chat_id: user.user.id, text: "deep", junk: deep(5000) });
    expect(r).toMatchObject({ ok: false, error_code: 400 });
    const known = await bot.api("sendMessage", { chat_id: user.user.id, text: "deep", link_preview_options: deep(5000) });
    expect(known).toMatchObject({ ok: false, error_code: 400 });
    const asText = new URLSearchParams({ chat_id: String(user.user.id), text: "deep", link_preview_options: JSON.stringify(deep(5000)), junk: JSON.stringify(deep(5000)) });
    expect((await raw("sendMessage", asText.toString(), "application/x-www-form-urlencoded")).body).toMatchObject({ ok: false, error_code: 400 });
    const shallow = await bot.api("sendMessage", { chat_id: user.user.id, text: "shallow", junk: deep(10), link_preview_options: { is_disabled: true, extra: deep(10) } });
    expect(shallow).toMatchObject({ ok: true, result: { text: "shallow" } });
  });

  it("refuses a body nested 100,000 deep and a body of many megabytes, Telegram-shaped", async () => {
    const nested = await raw("getMe", `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`, "application/json");
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ ok: false, error_code: 400 });
    const huge = await raw("sendMessage", JSON.stringify({ chat_id: user.user.id, text: "x", pad: "a".repeat(8 * 1024 * 1024) }), "application/json");
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ ok: false, error_code: 413 });
  });
});

describe("link targets", () => {
  const scripts = ["javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox(1)", " javascript:alert(1)"];

  it("refuses unsafe text links given as entities or parsed from HTML and MarkdownV2", async () => {
    for (const url of scripts) {
      const given = await bot.api("sendMessage", { chat_id: user.user.id, text: "click", entities: [{ type: "text_link", offset: 0, length: 5, url }] });
      expect(given, url).toMatchObject({ ok: false, error_code: 400 });
      const html = await bot.api("sendMessage", { chat_id: user.user.id, text: `<a href="${url.replace(/"/g, "&quot;")}">click</a>`, parse_mode: "HTML" });
      expect(html, url).toMatchObject({ ok: false, error_code: 400 });
    }
    const md = await bot.api("sendMessage", { chat_id: user.user.id, text: "[click](javascript:alert\\(1\\))", parse_mode: "MarkdownV2" });
    expect(md).toMatchObject({ ok: false, error_code: 400 });
    const okLink = await bot.api("sendMessage", { chat_id: user.user.id, text: '<a href="https://example.com">click</a>', parse_mode: "HTML" });
    expect(okLink.ok).toBe(true);
  });

  it("refuses unsafe URL buttons and callback answer URLs", async () => {
    for (const url of scripts) {
      const button = await bot.api("sendMessage", { chat_id: user.user.id, text: "x", reply_markup: { inline_keyboard: [[{ text: "go", url }]] } });
      expect(button, url).toMatchObject({ ok: false, error_code: 400 });
      const answer = await bot.api("answerCallbackQuery", { callback_query_id: "made-up", url });
      expect(answer.description, url).toMatch(/^Bad Request: url/);
    }
  });
});

describe("uploads", () => {
  beforeAll(async () => {
    // a chat of their own, with full rate buckets
    user = await register();
    bot = await createBot(await register());
    await start(user, bot);
    chatKey = `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}`;
  });

  function upload(method: string, field: string, bytes: Uint8Array, name: string, type: string, extra: Record<string, string> = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    form.set(field, new Blob([bytes], { type }), name);
    return raw(method, form);
  }

  it("keeps nothing from calls that take no file, or refuse", async () => {
    const before = await stored();
    const mib = new Uint8Array(1024 * 1024);
    mib.set(png);
    for (let i = 0; i < 10; i++) {
      expect((await upload("getMe", "photo", mib, "x.png", "image/png", { chat_id: String(user.user.id) })).status).toBe(200);
    }
    // a part the method does not take, a chat the bot is not in, a bad parameter, a content mismatch
    expect((await upload("sendMessage", "photo", png, "x.png", "image/png", { chat_id: String(user.user.id), text: "hi" })).status).toBe(200);
    const stranger = await register();
    expect((await upload("sendPhoto", "photo", png, "x.png", "image/png", { chat_id: String(stranger.user.id) })).status).toBe(403);
    expect((await upload("sendPhoto", "photo", png, "x.png", "image/png", { chat_id: String(-123456) })).status).toBe(403);
    expect((await upload("sendPhoto", "photo", png, "x.png", "image/png", { chat_id: String(user.user.id), reply_markup: "{" })).status).toBe(400);
    expect((await upload("sendPhoto", "photo", png, "x.png", "image/png", { chat_id: String(user.user.id), reply_to_message_id: "999999" })).status).toBe(400);
    expect((await upload("sendPhoto", "document", png, "x.png", "image/png", { chat_id: String(user.user.id) })).status).toBe(400);
    const both = await upload("scheduleMessage", "document", png, "x.png", "image/png", {
      chat_id: String(user.user.id),
      photo: "not-a-file-id",
      send_at: String(Math.floor(Date.now() / 1000) + 3600),
    });
    expect(both.status).toBe(200); // the photo's file_id is taken, not the document part
    expect((await upload("broadcastMessage", "photo", png, "x.png", "image/png")).body).toMatchObject({ ok: false, error_code: 400 });
    expect(await stored()).toEqual(before);
  });

  it("refuses content that is not what it claims, on the Bot API", async () => {
    const before = await stored(chatKey);
    const fake = await upload("sendPhoto", "photo", notAnImage, "fake.png", "image/png", { chat_id: String(user.user.id) });
    expect(fake.status).toBe(400);
    expect(fake.body).toMatchObject({ ok: false, error_code: 400, description: expect.stringMatching(/^Bad Request: /) });
    const byName = await upload("sendPhoto", "photo", notAnImage, "fake.png", "application/octet-stream", { chat_id: String(user.user.id) });
    expect(byName.status).toBe(400);
    const voice = await upload("sendVoice", "voice", notAnImage, "fake.ogg", "audio/ogg", { chat_id: String(user.user.id) });
    expect(voice.status).toBe(400);
    expect(await stored(chatKey)).toEqual(before);
    const real = await upload("sendPhoto", "photo", png, "dot.png", "image/png", { chat_id: String(user.user.id) });
    expect(real.body, JSON.stringify(real.body)).toMatchObject({ ok: true });
    expect((await stored(chatKey)).length).toBe(before.length + 1);
  });

  it("refuses content that is not what it claims, on the client API and for avatars", async () => {
    const owner = await register();
    const mine = await createBot(owner);
    await start(owner, mine);
    const form = new FormData();
    form.set("file", new Blob([notAnImage], { type: "image/png" }), "fake.png");
    const media = await call("POST", `/api/v1/chats/${mine.id}/media`, { token: owner.token, body: form });
    expect(media.status).toBe(415);
    const avatar = await exports.default.fetch(
      new Request(`http://switchboard.test/api/v1/bots/${mine.username}/avatar`, { method: "PUT", headers: { Authorization: `Bearer ${owner.token}`, "Content-Type": "image/png" }, body: notAnImage }),
    );
    expect(avatar.status).toBe(415);
    const good = await exports.default.fetch(
      new Request(`http://switchboard.test/api/v1/bots/${mine.username}/avatar`, { method: "PUT", headers: { Authorization: `Bearer ${owner.token}`, "Content-Type": "image/png" }, body: png }),
    );
    expect(good.status).toBe(200);
  });
});

describe("client API bodies are bounded before they are read", () => {
  it("answers 413 to a 2 MiB JSON body, without a session too", async () => {
    const big = JSON.stringify({ handle: "someone", password: "x".repeat(2 * 1024 * 1024) });
    const r = await call("POST", "/api/v1/auth/login", { body: big, headers: { "Content-Type": "application/json" } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("too_large");
  });
});
