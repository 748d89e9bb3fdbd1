// Media from a bot in the web app: an album shows as one bubble with a grid of thumbnails
// (the viewer opens the original) and its captions; a sticker has no bubble; an animation
// plays by itself, muted, in a loop; a voice message shows its duration.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SHOTS, startWorld, type World } from "./harness.ts";
import { png } from "../png.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-bot-media-");
});

afterAll(async () => {
  await world?.stop();
});

/** A GIF whose screen is 240x135 (one pixel drawn): an animation's file. */
const gif = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 240, 0, 135, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]);
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2"), Buffer.alloc(64)]);
const ogg = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(64)]);

async function botUpload(token: string, method: string, params: Record<string, string | { bytes: Uint8Array; type: string; name: string }>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string") form.set(k, v);
    else form.set(k, new Blob([new Uint8Array(v.bytes)], { type: v.type }), v.name);
  }
  const r = (await (await fetch(`${world.url}/bot${token}/${method}`, { method: "POST", body: form })).json()) as any;
  if (!r.ok) throw new Error(`${method}: ${r.description}`);
  return r.result;
}

const byId = (page: Page, id: number) => page.locator(`[data-message-id="${id}"]`).first();

describe("media from a bot", () => {
  test("an album is one bubble with a grid and captions; a sticker has no bubble; an animation loops silently", async () => {
    const { alice } = world.users;
    const created = await world.api("/api/v1/bots", alice.token, { username: "gallery_media_bot", name: "Gallery" });
    const token = created.token as string;
    const botId = created.bot.id as number;
    const roomy = { rate: 100, burst: 100 }; // several sends to one chat in a moment; rate limits are tested elsewhere
    await fetch(`${world.url}/api/v1/bots/gallery_media_bot`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${alice.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ rateLimits: { global: roomy, privateChat: roomy, group: roomy } }),
    });
    await world.api("/api/v1/bots/gallery_media_bot/start", alice.token, {});
    const chat = String(alice.user.id);
    const album = await botUpload(token, "sendMediaGroup", {
      chat_id: chat,
      media: JSON.stringify([
        { type: "photo", media: "attach://a", caption: "Sunrise" },
        { type: "photo", media: "attach://b" },
        { type: "photo", media: "attach://c", caption: "Dusk" },
      ]),
      a: { bytes: png(800, 600, 40), type: "image/png", name: "a.png" },
      b: { bytes: png(600, 800, 120), type: "image/png", name: "b.png" },
      c: { bytes: png(640, 640, 200), type: "image/png", name: "c.png" },
    });
    expect(album).toHaveLength(3);
    const sticker = await botUpload(token, "sendSticker", { chat_id: chat, sticker: { bytes: png(512, 512, 90), type: "image/png", name: "s.png" } });
    const animation = await botUpload(token, "sendAnimation", { chat_id: chat, animation: { bytes: gif, type: "image/gif", name: "wave.gif" }, caption: "wave" });
    const clip = await botUpload(token, "sendAnimation", { chat_id: chat, animation: { bytes: mp4, type: "video/mp4", name: "loop.mp4" }, width: "320", height: "180" });
    const voice = await botUpload(token, "sendVoice", { chat_id: chat, voice: { bytes: ogg, type: "audio/ogg", name: "v.ogg" }, duration: "7" });

    const page = await world.newPage({ width: 1280, height: 900 });
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${botId}`).click();
    await page.getByTestId("chat-view").waitFor();

    // the album: one bubble of three items, not three bubbles
    const bubble = page.getByTestId("album");
    await bubble.waitFor();
    expect(await page.getByTestId("album").count()).toBe(1);
    expect(await bubble.getAttribute("data-count")).toBe("3");
    expect(await bubble.getByTestId("album-item").count()).toBe(3);
    for (const m of album) expect(await page.locator(`[data-testid="message"][data-message-id="${m.message_id}"]`).count()).toBe(0);
    expect(await bubble.getByTestId("album-caption").allTextContents()).toEqual(["Sunrise", "Dusk"]);
    // the grid shows thumbnails (320 on the long side); the viewer opens the original
    const first = bubble.getByTestId("message-image").first();
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('[data-testid="album"] [data-testid="message-image"]')) as HTMLImageElement[];
      return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    expect(await first.getAttribute("data-full")).toBe("thumbnail");
    expect(await first.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([320, 240]);
    await first.click();
    const viewer = page.getByTestId("lightbox").locator("img");
    await viewer.waitFor();
    await page.waitForFunction(() => ((document.querySelector('[data-testid="lightbox"] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await viewer.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([800, 600]);
    await page.getByTestId("lightbox").click();

    // the sticker: no bubble around it, at most 160 pixels
    const stickerBubble = byId(page, sticker.message_id);
    expect(await stickerBubble.getAttribute("class")).toContain("bare");
    const stickerImg = stickerBubble.getByTestId("message-sticker");
    await stickerImg.waitFor();
    await page.waitForFunction(() => ((document.querySelector('[data-testid="message-sticker"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    const box = await stickerImg.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(160);
    expect(box!.width).toBeGreaterThan(100);
    const background = await stickerBubble.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe("rgba(0, 0, 0, 0)");

    // the animations: a GIF shown as it is; an MP4 as a muted video that plays by itself, looping
    await byId(page, animation.message_id).getByTestId("message-animation").waitFor();
    expect(await byId(page, animation.message_id).getByTestId("message-animation").evaluate((el) => el.tagName)).toBe("IMG");
    const video = byId(page, clip.message_id).getByTestId("message-animation");
    await video.waitFor();
    expect(await video.evaluate((v: HTMLVideoElement) => [v.tagName, v.muted, v.loop, v.autoplay])).toEqual(["VIDEO", true, true, true]);

    // the voice message shows how long it is
    expect(await byId(page, voice.message_id).getByTestId("media-duration").textContent()).toBe("0:07 · 68 B");
    await page.screenshot({ path: join(SHOTS, "bot-media.png"), fullPage: true });
    expect(world.pageErrors).toEqual([]);
  });
});
