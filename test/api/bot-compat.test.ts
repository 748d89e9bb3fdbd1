// Small deviations from Telegram that broke unmodified bot libraries (issue 8, point 1).
import { describe, expect, it } from "vitest";
import { exports } from "cloudflare:workers";
import { botCall, createBot } from "./bot-helpers.ts";
import { register } from "./client.ts";

async function raw(path: string, init?: RequestInit) {
  const r = await exports.default.fetch(new Request(`http://switchboard.test${path}`, init));
  return { status: r.status, type: r.headers.get("Content-Type") ?? "", body: await r.text() };
}

describe("Bot API wire details", () => {
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
