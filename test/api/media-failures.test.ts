// Media when storage fails or a file is gone: a copy that fails half-way leaves nothing
// behind; a failed delete after the chat stored its change does not fail the act; a message
// whose file is gone is refused alike by the client API's forward and the Bot API's.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { copyMedia } from "../../src/chat/media-store.ts";
import { call, register, type Session } from "./client.ts";
import { botCall, createBot, drain, start, type TestBot } from "./bot-helpers.ts";

// A valid 1x1 PNG.
const png = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const file = (name: string) => ({ blob: new Blob([png], { type: "image/png" }), name });

/** A Bot API call with files, as multipart/form-data. */
function botUpload(bot: TestBot, method: string, params: Record<string, string | { blob: Blob; name: string }>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string") f.set(k, v);
    else f.set(k, v.blob, v.name);
  }
  return botCall(bot.token, method, {}, { method: "POST", body: f });
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: `${prefix}/` })).objects.map((o) => o.key).sort();
}

async function privateWithBot(): Promise<{ user: Session; bot: TestBot; key: string }> {
  const user = await register();
  const bot = await createBot(await register());
  await start(user, bot);
  await drain(bot);
  return { user, bot, key: `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}` };
}

async function uploadPhoto(s: Session, chatId: number) {
  const f = new FormData();
  f.set("file", new Blob([png], { type: "image/png" }), "dot.png");
  const r = await call("POST", `/api/v1/chats/${chatId}/media`, { token: s.token, body: f });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.message;
}

const history = async (s: Session, chatId: number) => (await call("GET", `/api/v1/chats/${chatId}/messages?limit=100`, { token: s.token })).body.messages as any[];

describe("copyMedia", () => {
  it("removes the thumbnail it copied when the main file cannot be written", async () => {
    const from = `test-src-${crypto.randomUUID()}`;
    const to = `test-dst-${crypto.randomUUID()}`;
    const [fileId, thumbId] = [crypto.randomUUID(), crypto.randomUUID()];
    await env.MEDIA.put(`${from}/${thumbId}`, png, { httpMetadata: { contentType: "image/jpeg" }, customMetadata: { name: "thumbnail.jpg", kind: "thumbnail" } });
    const facts = { width: 1, height: 1, thumbnail: { fileId: thumbId, width: 1, height: 1, size: png.length } };
    await env.MEDIA.put(`${from}/${fileId}`, png, { httpMetadata: { contentType: "image/png" }, customMetadata: { name: "dot.png", kind: "image", facts: JSON.stringify(facts) } });
    // R2 takes the thumbnail, then fails on the main file
    let puts = 0;
    const failing = {
      get: (key: string) => env.MEDIA.get(key),
      delete: (keys: string | string[]) => env.MEDIA.delete(keys),
      put: (key: string, value: ReadableStream, opts: R2PutOptions) => (++puts === 2 ? Promise.reject(new Error("R2 is down")) : env.MEDIA.put(key, value, opts)),
    } as unknown as R2Bucket;
    await expect(copyMedia(failing, { chatKey: from, fileId }, to, "image")).rejects.toThrow("R2 is down");
    expect(await keysUnder(to)).toEqual([]);
    // the source is untouched, and a copy that works takes both
    expect(await keysUnder(from)).toHaveLength(2);
    const copied = await copyMedia(env.MEDIA, { chatKey: from, fileId }, to, "image");
    expect(copied.ok).toBe(true);
    expect(await keysUnder(to)).toHaveLength(2);
  });
});

describe("a failed delete in storage", () => {
  it("does not fail deleting a message, nor replacing its media: the chat's change stands", async () => {
    const { user, bot, key } = await privateWithBot();
    const photo = await uploadPhoto(user, bot.id);
    const sent = await botUpload(bot, "sendPhoto", { chat_id: String(user.user.id), photo: file("a.png") });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const stub = env.CHATS.getByName(key);
    // R2 refuses every delete, as in an outage
    await runInDurableObject(stub, (instance) => {
      Object.defineProperty((instance as unknown as { env: { MEDIA: R2Bucket } }).env.MEDIA, "delete", { configurable: true, value: () => Promise.reject(new Error("R2 is down")) });
    });
    try {
      const deleted = await call("DELETE", `/api/v1/chats/${bot.id}/messages/${photo.id}`, { token: user.token });
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
      expect((await history(user, bot.id)).find((m) => m.id === photo.id)).toBeUndefined();
      const edited = await botUpload(bot, "editMessageMedia", {
        chat_id: String(user.user.id),
        message_id: String(sent.result.message_id),
        media: JSON.stringify({ type: "photo", media: "attach://p", caption: "replaced" }),
        p: file("b.png"),
      });
      expect(edited.ok, JSON.stringify(edited)).toBe(true);
      expect((await history(user, bot.id)).find((m) => m.id === sent.result.message_id)).toMatchObject({ text: "replaced", media: { name: "b.png" } });
    } finally {
      await runInDurableObject(stub, (instance) => {
        delete ((instance as unknown as { env: { MEDIA: R2Bucket } }).env.MEDIA as unknown as Record<string, unknown>).delete;
      });
    }
  });
});

describe("a message whose file is gone", () => {
  it("is refused by a forward, in each surface's words; what came before it is forwarded", async () => {
    const { user, bot, key } = await privateWithBot();
    const text = (await call("POST", `/api/v1/chats/${bot.id}/messages`, { token: user.token, json: { text: "before the photo" } })).body.message;
    const photo = await uploadPhoto(user, bot.id);
    await env.MEDIA.delete(`${key}/${photo.media.fileId}`);
    const count = (await history(user, bot.id)).length;

    const alone = await call("POST", `/api/v1/chats/${bot.id}/forward`, { token: user.token, json: { fromChatId: bot.id, messageIds: [photo.id] } });
    expect(alone.status).toBe(410);
    expect(alone.body.error.code).toBe("file_gone");
    expect(await history(user, bot.id)).toHaveLength(count);

    const both = await call("POST", `/api/v1/chats/${bot.id}/forward`, { token: user.token, json: { fromChatId: bot.id, messageIds: [text.id, photo.id] } });
    expect(both.status).toBe(201);
    expect(both.body.messages.map((m: any) => m.text)).toEqual(["before the photo"]);

    expect(await bot.api("forwardMessage", { chat_id: user.user.id, from_chat_id: user.user.id, message_id: photo.id })).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
  });
});
