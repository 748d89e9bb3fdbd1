// Real bot libraries against the real local platform: grammY and telegraf, written as for
// Telegram, with only their API root changed; long polling and webhooks.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bot, webhookCallback } from "grammy";
import { Telegraf } from "telegraf";
import { message } from "telegraf/filters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { migrate, startPlatform } from "../../scripts/platform.mjs";
// @ts-expect-error plain ESM script without type declarations
import { createMenuBot } from "../../examples/menu-bot.mjs";
import { sha256Hex } from "../../src/platform/crypto.ts";
import { verifyWebhook } from "../../src/bots/webhook-signature.ts";

const PORT = 8797;
const base = `http://127.0.0.1:${PORT}`;
let platform: { stop: () => Promise<void> };
let state: string;
const servers: Server[] = [];

interface Session {
  token: string;
  user: { id: number; handle: string; displayName: string };
}

async function api(method: string, path: string, token?: string, body?: unknown | FormData): Promise<any> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined && !(body instanceof FormData)) headers["Content-Type"] = "application/json";
  const r = await fetch(`${base}${path}`, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json().catch(() => null);
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

let seq = 0;
async function register(): Promise<Session> {
  seq += 1;
  return api("POST", "/api/v1/auth/register", undefined, { handle: `e2e${Date.now().toString(36)}${seq}`, password: "e2e-password" });
}

async function createBot(owner: Session): Promise<{ token: string; username: string; id: number }> {
  seq += 1;
  const username = `e2e${Date.now().toString(36)}${seq}_bot`;
  const r = await api("POST", "/api/v1/bots", owner.token, { username, name: `E2E ${seq}` });
  return { token: r.token, username, id: r.bot.id };
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

/** The user's live stream, collecting frames. */
async function stream(s: Session) {
  const ws = new WebSocket(`${base.replace("http", "ws")}/api/v1/stream?token=${s.token}`);
  const frames: any[] = [];
  ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  const next = async (pred: (f: any) => boolean, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const f = frames.find(pred);
      if (f) return f;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no matching frame in ${timeoutMs} ms; frames: ${JSON.stringify(frames.slice(-10))}`);
  };
  return { ws, frames, next };
}

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), "switchboard-e2e-"));
  migrate(state);
  platform = await startPlatform({ port: PORT, persistTo: state, vars: { WEBHOOK_RETRY_BASE_MS: "100" } });
});

afterAll(async () => {
  for (const s of servers) s.close();
  await platform?.stop();
  rmSync(state, { recursive: true, force: true });
});

describe("grammY", () => {
  it("runs the example bot by long polling: deep link, menu buttons, edits, files, echo", async () => {
    const [owner, user] = [await register(), await register()];
    const { token, username, id: botId } = await createBot(owner);
    const bot = createMenuBot(token, base);
    void bot.start({ drop_pending_updates: true });
    await eventually(() => (bot.isRunning() ? true : undefined));
    const live = await stream(user);

    await api("POST", `/api/v1/bots/${username}/start`, user.token, { payload: "promo" });
    const welcome = await live.next((f) => f.type === "message" && f.message.from.id === botId);
    expect(welcome.message.text).toBe(`Hello ${user.user.displayName} (you came from "promo")! What would you like?`);
    expect(welcome.message.replyMarkup.inline_keyboard[0].map((b: any) => b.callback_data)).toEqual(["pick:pizza", "pick:sushi"]);

    await api("POST", `/api/v1/chats/${botId}/callback`, user.token, { messageId: welcome.message.id, data: "pick:sushi" });
    expect((await live.next((f) => f.type === "callback_answer")).text).toBe("You picked sushi");
    const edited = await live.next((f) => f.type === "message_edited" && f.message.id === welcome.message.id);
    expect(edited.message.text).toBe("Order placed: sushi 🎉");

    await api("POST", `/api/v1/chats/${botId}/messages`, user.token, { text: "hello there" });
    await live.next((f) => f.type === "message" && f.message.text === "echo: hello there");

    const form = new FormData();
    form.set("file", new Blob([png], { type: "image/png" }), "me.png");
    await api("POST", `/api/v1/chats/${botId}/media`, user.token, form);
    const back = await live.next((f) => f.type === "message" && f.message.from.id === botId && f.message.media);
    expect(back.message).toMatchObject({ text: "Nice picture! Here it is back.", media: { kind: "image", mime: "image/png" } });
    const bytes = await fetch(`${base}${back.message.media.url}`, { headers: { Authorization: `Bearer ${user.token}` } }).then((r) => r.arrayBuffer());
    expect(Buffer.from(bytes)).toEqual(png);

    await bot.stop();
    live.ws.close();
  });

  it("receives by webhook, 100 rapid messages in order, and getFile downloads", async () => {
    const [owner, user] = [await register(), await register()];
    const { token, username, id: botId } = await createBot(owner);
    const bot = new Bot(token, { client: { apiRoot: base } });
    const seen: number[] = [];
    let fileBytes: Buffer | null = null;
    bot.on("message:text", (ctx) => {
      seen.push(ctx.message.message_id);
    });
    bot.on("message:photo", async (ctx) => {
      const file = await ctx.getFile();
      fileBytes = Buffer.from(await (await fetch(`${base}/file/bot${token}/${file.file_path}`)).arrayBuffer());
    });
    const url = await listen(webhookCallback(bot, "http", { secretToken: "hook-secret" }));
    await bot.api.setWebhook(`${url}/hook`, { secret_token: "hook-secret" });
    expect((await bot.api.getWebhookInfo()).url).toBe(`${url}/hook`);
    await expect(bot.api.getUpdates()).rejects.toThrow(/409|Conflict/);

    await api("POST", `/api/v1/bots/${username}/start`, user.token, {});
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => api("POST", `/api/v1/chats/${botId}/messages`, user.token, { text: `m${batch * 10 + i}` })),
      );
    }
    await eventually(() => (seen.length === 101 ? true : undefined), 30_000);
    expect(seen).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));

    const form = new FormData();
    form.set("file", new Blob([png], { type: "image/png" }), "me.png");
    await api("POST", `/api/v1/chats/${botId}/media`, user.token, form);
    await eventually(() => fileBytes ?? undefined);
    expect(fileBytes).toEqual(png);
    expect((await bot.api.getWebhookInfo()).pending_update_count).toBe(0);
    await bot.api.deleteWebhook();
  });
});

describe("webhook delivery", () => {
  it("retries a failing webhook with backoff, delivers each update once and in order, signed, and runs a method in the reply", async () => {
    const [owner, user] = [await register(), await register()];
    const { token, username, id: botId } = await createBot(owner);
    const key = await sha256Hex(token.split(":")[1]!);
    let calls = 0;
    const delivered: { update_id: number; text?: string }[] = [];
    const callTimes: number[] = [];
    const url = await listen((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", async () => {
        calls += 1;
        callTimes.push(Date.now());
        const signed = await verifyWebhook(key, String(req.headers["x-switchboard-signature"]), body, Math.floor(Date.now() / 1000));
        if (!signed || req.headers["x-telegram-bot-api-secret-token"] !== "tok") {
          res.writeHead(401).end();
          return;
        }
        if (calls <= 3) {
          res.writeHead(500).end("down for maintenance");
          return;
        }
        const update = JSON.parse(body);
        delivered.push({ update_id: update.update_id, text: update.message?.text });
        if (update.message?.text === "last") {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ method: "sendMessage", chat_id: update.message.chat.id, text: "answered in the webhook reply" }));
          return;
        }
        res.writeHead(200).end();
      });
    });
    const setHook = await fetch(`${base}/bot${token}/setWebhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: `${url}/hook`, secret_token: "tok" }),
    }).then((r) => r.json());
    expect(setHook).toEqual({ ok: true, result: true });
    const live = await stream(user);
    await api("POST", `/api/v1/bots/${username}/start`, user.token, {});
    await api("POST", `/api/v1/chats/${botId}/messages`, user.token, { text: "first" });
    await api("POST", `/api/v1/chats/${botId}/messages`, user.token, { text: "last" });

    const info = await eventually(async () => {
      const r = await fetch(`${base}/bot${token}/getWebhookInfo`).then((x) => x.json());
      return r.result.last_error_message ? r.result : undefined;
    });
    expect(info.last_error_message).toMatch(/500/);

    await eventually(() => (delivered.length === 4 ? true : undefined));
    expect(delivered.map((d) => d.text)).toEqual([undefined, "/start", "first", "last"]);
    const ids = delivered.map((d) => d.update_id);
    expect(ids).toEqual([ids[0]!, ids[0]! + 1, ids[0]! + 2, ids[0]! + 3]);
    expect(calls).toBe(7);
    // backoff: each retry waited longer than the one before
    const gaps = callTimes.slice(0, 4).map((t, i, a) => (i ? t - a[i - 1]! : 0)).slice(1);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    await live.next((f) => f.type === "message" && f.message.text === "answered in the webhook reply");
    live.ws.close();
  });
});

describe("telegraf", () => {
  it("works by long polling and by webhook", async () => {
    const [owner, user] = [await register(), await register()];
    const { token, username, id: botId } = await createBot(owner);
    const bot = new Telegraf(token, { telegram: { apiRoot: base } });
    bot.start((ctx) => ctx.reply(`telegraf greets ${ctx.from.first_name}`));
    bot.on(message("text"), (ctx) => ctx.reply(`telegraf: ${ctx.message.text}`, { reply_parameters: { message_id: ctx.message.message_id } }));
    const live = await stream(user);
    void bot.launch({ dropPendingUpdates: true });
    await eventually(async () => ((await fetch(`${base}/bot${token}/getMe`)).ok ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));

    await api("POST", `/api/v1/bots/${username}/start`, user.token, {});
    await live.next((f) => f.type === "message" && f.message.text === `telegraf greets ${user.user.displayName}`);
    const sent = await api("POST", `/api/v1/chats/${botId}/messages`, user.token, { text: "polling?" });
    const reply = await live.next((f) => f.type === "message" && f.message.text === "telegraf: polling?");
    expect(reply.message.replyTo).toBe(sent.message.id);
    bot.stop("test");

    const url = await listen(bot.webhookCallback("/tg", { secretToken: "tg-secret" }) as any);
    await bot.telegram.setWebhook(`${url}/tg`, { secret_token: "tg-secret" });
    await api("POST", `/api/v1/chats/${botId}/messages`, user.token, { text: "webhook?" });
    await live.next((f) => f.type === "message" && f.message.text === "telegraf: webhook?");
    await bot.telegram.deleteWebhook();
    live.ws.close();
  });
});
