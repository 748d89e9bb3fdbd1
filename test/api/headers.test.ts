// Headers that keep a browser from misreading what we serve or keeping it for the next user:
// nosniff, no framing and a policy on every response; downloads that no cache keeps.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { botCall, createBot, start } from "./bot-helpers.ts";
import { befriend, call, register } from "./client.ts";

const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

function expectHardened(r: Response, what: string) {
  expect(r.headers.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(r.headers.get("X-Frame-Options"), what).toBe("DENY");
  expect(r.headers.get("Content-Security-Policy") ?? "", what).toMatch(/frame-ancestors 'none'/);
  expect(r.headers.get("Referrer-Policy"), what).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
}

/** Authenticated files: a logged-out browser must not be able to read them back from its cache. */
function expectNotStored(r: Response, what: string) {
  const cc = r.headers.get("Cache-Control") ?? "";
  expect(cc, what).toMatch(/\bno-store\b/);
  expect(cc, what).toMatch(/\bprivate\b/);
  expect(cc, what).not.toMatch(/max-age=[1-9]/);
}

describe("headers", () => {
  it("every API answer, success, refusal or miss, is hardened", async () => {
    const me = await register("hdr");
    for (const [method, path, token] of [
      ["GET", "/healthz", undefined],
      ["GET", "/api/v1/me", me.token],
      ["GET", "/api/v1/me", undefined],
      ["GET", "/api/v1/no-such-route", me.token],
      ["POST", "/api/v1/auth/login", undefined],
      ["GET", `/bot1:${"x".repeat(30)}/getMe`, undefined],
    ] as const) {
      const r = await call(method, path, { token, json: method === "POST" ? {} : undefined });
      expectHardened(r.response, `${method} ${path} (${r.status})`);
      // data is never a document: no script runs even if a browser were made to render it
      expect(r.response.headers.get("Content-Security-Policy"), path).toMatch(/default-src 'none'.*sandbox/);
    }
  });

  it("chat media is nosniff and never stored by a cache", async () => {
    const [a, b] = [await register("hdr"), await register("hdr")];
    await befriend(a, b);
    const f = new FormData();
    f.set("file", new Blob([png], { type: "image/png" }), "dot.png");
    const up = await call("POST", `/api/v1/chats/${b.user.id}/media`, { token: a.token, body: f });
    expect(up.status).toBe(201);
    const got = await call("GET", up.body.message.media.url, { token: a.token });
    expect(got.status).toBe(200);
    expectHardened(got.response, "media");
    expectNotStored(got.response, "media");
  });

  it("bot avatars and Bot API file downloads are nosniff and never stored by a cache", async () => {
    const owner = await register("hdr");
    const bot = await createBot(owner);
    const put = await call("PUT", `/api/v1/bots/${bot.username}/avatar`, { token: owner.token, body: png, headers: { "Content-Type": "image/png" } });
    expect(put.status).toBe(200);
    const avatar = await call("GET", `/api/v1/bots/${bot.username}/avatar`, { token: owner.token });
    expect(avatar.status).toBe(200);
    expectHardened(avatar.response, "avatar");
    expectNotStored(avatar.response, "avatar");

    const user = await register("hdr");
    await start(user, bot);
    const form = new FormData();
    form.set("chat_id", String(user.user.id));
    form.set("photo", new Blob([png], { type: "image/png" }), "dot.png");
    const sent = await botCall(bot.token, "sendPhoto", {}, { method: "POST", body: form });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true });
    const file = await bot.api("getFile", { file_id: sent.result.photo[0].file_id });
    const download = await exports.default.fetch(`http://switchboard.test/file/bot${bot.token}/${file.result.file_path}`);
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    expectHardened(download, "bot file");
    expectNotStored(download, "bot file");
  });

  it("the web app's page, when the Worker hands it over, carries the app's policy", async () => {
    const r = await exports.default.fetch(new Request("http://switchboard.test/some/app/route", { headers: { Accept: "text/html" } }));
    const body = await r.text();
    if (!(r.headers.get("Content-Type") ?? "").startsWith("text/html")) return; // no built web app in this run
    expect(body).toContain('<div id="app">');
    expectHardened(r, "page");
    expect(r.headers.get("Content-Security-Policy")).toMatch(/script-src 'self'/);
  });
});
