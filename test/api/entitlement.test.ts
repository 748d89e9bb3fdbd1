// No way around a bot's rate limits, and nothing stored for someone not entitled to it
// (issue 7, points 3 and 4).
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { privateChatKey } from "../../src/chat/chat-ids.ts";
import { botCall, createBot, start } from "./bot-helpers.ts";
import { call, connect, register } from "./client.ts";

describe("schedules and broadcasts are paced by the bot's rate limits", () => {
  it("20 schedules due now reach one user no faster than the per-chat bucket allows", async () => {
    const owner = await register();
    const [bot, user] = [await createBot(owner), await register()];
    await start(user, bot);
    const sock = await connect(user);
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 20; i++) expect((await bot.api("scheduleMessage", { chat_id: user.user.id, text: `due ${i}`, send_at: now })).ok).toBe(true);
    const stub = env.BOTS.getByName(String(bot.id));
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub); // at once again: the buckets have not refilled
    await new Promise((r) => setTimeout(r, 200));
    const got = sock.messages().filter((f) => f.message.text.startsWith("due "));
    expect(got.length).toBe(5); // Telegram's private-chat burst; the rest wait
    expect((await bot.api("getScheduledMessages")).result).toHaveLength(15);
  });

  it("broadcasts with fresh dedup keys do not multiply one user's messages past the bucket", async () => {
    const owner = await register();
    const [bot, user] = [await createBot(owner), await register()];
    await start(user, bot);
    const sock = await connect(user);
    for (let i = 0; i < 12; i++) expect((await bot.api("broadcastMessage", { text: `news ${i}`, dedup_key: `k${i}` })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(sock.messages().filter((f) => f.message.text.startsWith("news ")).length).toBe(5);
  });
});

describe("nothing is stored for someone not entitled to it", () => {
  it("a made-up bot token creates no BotActor storage", async () => {
    const id = 9_000_000_000 + Math.floor(Math.random() * 1e6);
    const r = await botCall(`${id}:made-up-secret-made-up-secret`, "getMe");
    expect(r.error_code).toBe(401);
    expect((await env.BOTS.getByName(String(id)).inspect()).schemaVersion).toBe(0);
  });

  it("a stranger naming chats creates no ChatActor storage, by HTTP or by sync", async () => {
    const me = await register();
    const strangers = [await register(), await register()];
    const peer = strangers[0]!.user.id;
    expect((await call("GET", `/api/v1/chats/${peer}/messages`, { token: me.token })).status).toBe(403);
    expect((await call("POST", `/api/v1/chats/${peer}/messages`, { token: me.token, json: { text: "hi" } })).status).toBe(403);
    expect((await call("GET", `/api/v1/chats/-987654321`, { token: me.token })).status).toBe(403);
    const sock = await connect(me);
    const since = Object.fromEntries([peer, strangers[1]!.user.id, -123456789].map((id) => [id, 0]));
    sock.ws.send(JSON.stringify({ type: "sync", since }));
    await sock.next((f) => f.type === "synced");
    for (const key of [privateChatKey(me.user.id, peer), privateChatKey(me.user.id, strangers[1]!.user.id), "g:987654321", "g:123456789"]) {
      expect((await env.CHATS.getByName(key).inspect()).schemaVersion, key).toBe(0);
    }
  });
});
