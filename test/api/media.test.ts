import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { befriend, call, connect, register } from "./client.ts";

// A valid 1x1 PNG.
const png = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

function form(file: Blob, name: string, extra: Record<string, string> = {}) {
  const f = new FormData();
  f.set("file", file, name);
  for (const [k, v] of Object.entries(extra)) f.set(k, v);
  return f;
}

describe("media", () => {
  it("uploads an image into R2, posts it, and serves it back to members only", async () => {
    const [a, b, outsider] = [await register(), await register(), await register()];
    await befriend(a, b);
    const sock = await connect(b);
    const up = await call("POST", `/api/v1/chats/${b.user.id}/media`, {
      token: a.token,
      body: form(new Blob([png], { type: "image/png" }), "dot.png", { caption: "a dot" }),
    });
    expect(up.status).toBe(201);
    const m = up.body.message;
    expect(m).toMatchObject({ id: 1, text: "a dot", media: { kind: "image", mime: "image/png", size: png.length, name: "dot.png" } });
    expect(m.media.url).toBe(`/api/v1/chats/${b.user.id}/media/${m.media.fileId}`);

    const live = await sock.next((f) => f.type === "message");
    expect(live.message.media.url).toBe(`/api/v1/chats/${a.user.id}/media/${m.media.fileId}`);

    const got = await call("GET", live.message.media.url, { token: b.token });
    expect(got.status).toBe(200);
    expect(got.response.headers.get("Content-Type")).toBe("image/png");
    const stored = await env.MEDIA.get(`p:${Math.min(a.user.id, b.user.id)}:${Math.max(a.user.id, b.user.id)}/${m.media.fileId}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(png);

    expect((await call("GET", live.message.media.url)).status).toBe(401);
    const outsiderView = await call("GET", `/api/v1/chats/${a.user.id}/media/${m.media.fileId}`, { token: outsider.token });
    expect(outsiderView.status).toBe(403);
  });

  it("refuses wrong types, oversize files and missing files, storing nothing", async () => {
    const [a, b] = await pair();
    const before = (await env.MEDIA.list()).objects.length;
    const exe = await call("POST", `/api/v1/chats/${b.user.id}/media`, {
      token: a.token,
      body: form(new Blob([new Uint8Array([77, 90])], { type: "application/x-msdownload" }), "x.exe"),
    });
    expect(exe.status).toBe(415);
    const huge = await call("POST", `/api/v1/chats/${b.user.id}/media`, {
      token: a.token,
      body: form(new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: "image/png" }), "big.png"),
    });
    expect(huge.status).toBe(413);
    const none = await call("POST", `/api/v1/chats/${b.user.id}/media`, { token: a.token, body: new FormData() });
    expect(none.status).toBe(400);
    const notForm = await call("POST", `/api/v1/chats/${b.user.id}/media`, { token: a.token, json: { file: "x" } });
    expect(notForm.status).toBe(400);
    expect((await env.MEDIA.list()).objects.length).toBe(before);
    const history = await call("GET", `/api/v1/chats/${b.user.id}/messages`, { token: a.token });
    expect(history.body.messages).toEqual([]);
  });

  it("deletes the file with its message", async () => {
    const [a, b] = await pair();
    const up = await call("POST", `/api/v1/chats/${b.user.id}/media`, {
      token: a.token,
      body: form(new Blob([png], { type: "image/png" }), "dot.png"),
    });
    const { id, media } = up.body.message;
    expect((await call("DELETE", `/api/v1/chats/${b.user.id}/messages/${id}`, { token: a.token })).status).toBe(200);
    expect((await call("GET", media.url, { token: a.token })).status).toBe(404);
  });

  async function pair() {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    return [a, b] as const;
  }
});
