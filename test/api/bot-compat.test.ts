// Small deviations from Telegram that broke unmodified bot libraries (issue 8, point 1).
import { describe, expect, it } from "vitest";
import { exports } from "cloudflare:workers";
import { botCall, createBot } from "./bot-helpers.ts";
import { call, register } from "./client.ts";

async function raw(path: string, init?: RequestInit) {
  const r = await exports.default.fetch(new Request(`http://switchboard.test${path}`, init));
  return { status: r.status, type: r.headers.get("Content-Type") ?? "", body: await r.text() };
}

describe("Bot API wire details", () => {
  it("numbers users and bots like Telegram: large ids, so every library's token check passes", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    expect(owner.user.id).toBeGreaterThan(999_999);
    expect(bot.token).toMatch(/^\d{7,}:/);
    expect(Number.isSafeInteger(bot.id)).toBe(true);
    // The reserved account that moved the numbering is nobody's to use.
    expect((await call("POST", "/api/v1/auth/login", { json: { handle: "switchboard", password: "!" } })).status).toBe(401);
    expect((await call("POST", "/api/v1/friends", { token: owner.token, json: { handle: "switchboard" } })).status).toBe(404);
  });

  it("takes method names in any letter case, as Telegram documents", async () => {
    const bot = await createBot(await register());
    expect((await botCall(bot.token, "GETME")).ok).toBe(true);
    const set = await botCall(bot.token, "setWebHook", { url: "https://hooks.example.com/x" });
    expect(set).toEqual({ ok: true, result: true });
    expect((await botCall(bot.token, "getwebhookinfo")).result.url).toBe("https://hooks.example.com/x");
  });

  it("removes the webhook when setWebhook has no url, or an empty one", async () => {
    const bot = await createBot(await register());
    await botCall(bot.token, "setWebhook", { url: "https://hooks.example.com/y" });
    expect(await botCall(bot.token, "setWebhook", {})).toEqual({ ok: true, result: true });
    expect((await botCall(bot.token, "getWebhookInfo")).result.url).toBe("");
    await botCall(bot.token, "setWebhook", { url: "https://hooks.example.com/y" });
    expect(await botCall(bot.token, "setWebhook", { url: "" })).toEqual({ ok: true, result: true });
    expect((await botCall(bot.token, "getUpdates")).ok).toBe(true); // polling works again
  });

  it("accepts a percent-encoded token in the path, and answers any other /bot path with Telegram's JSON", async () => {
    const bot = await createBot(await register());
    const [id, secret] = bot.token.split(":");
    const encoded = await raw(`/bot${id}%3A${secret}/getMe`);
    expect(encoded.status).toBe(200);
    expect(JSON.parse(encoded.body)).toMatchObject({ ok: true, result: { id: bot.id } });
    for (const path of [`/bot${id}%3A${secret}`, "/botnonsense/getMe", `/file/bot${id}%3A${secret}/nothing`, "/bot"]) {
      const r = await raw(path);
      expect(r.type, path).toContain("application/json");
      expect(JSON.parse(r.body), path).toMatchObject({ ok: false });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
    }
  });
});

describe("Telegram's words", () => {
  it("for an unknown method, an empty text, a missing chat_id and an unknown chat action", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    expect(await botCall(bot.token, "noSuchMethod")).toEqual({ ok: false, error_code: 404, description: "Not Found" });
    expect((await botCall(bot.token, "sendMessage", { chat_id: owner.user.id, text: "" })).description).toBe("Bad Request: message text is empty");
    expect((await botCall(bot.token, "sendMessage", { chat_id: owner.user.id })).description).toBe("Bad Request: message text is empty");
    expect((await botCall(bot.token, "sendMessage", { text: "hi" })).description).toBe("Bad Request: chat_id is empty");
    expect((await botCall(bot.token, "sendChatAction", { chat_id: owner.user.id, action: "dancing" })).description).toBe(
      "Bad Request: wrong parameter action in request",
    );
  });
});
