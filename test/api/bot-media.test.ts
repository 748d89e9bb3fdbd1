// Media in the Bot API: stickers, animations, video notes, albums, caption and media edits,
// photo sizes with real dimensions and a thumbnail, durations, file paths with extensions,
// and files sent by URL (fetched from a local fake: no network in tests).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env, exports } from "cloudflare:workers";
import { PhotonImage } from "@cf-wasm/photon/workerd";
import { imageSize } from "../../src/chat/image-size.ts";
import { call, register, type Session } from "./client.ts";
import { botCall, createBot, start, type TestBot } from "./bot-helpers.ts";

// ---- files ------------------------------------------------------------------------------

function picture(w: number, h: number): PhotonImage {
  const px = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) px.set([(i * 7) % 256, (i >> 4) % 256, 200, 255], i * 4);
  return new PhotonImage(px, w, h);
}
const png = (w: number, h: number) => picture(w, h).get_bytes();
const jpeg = (w: number, h: number) => picture(w, h).get_bytes_jpeg(80);
const webp = (w: number, h: number) => picture(w, h).get_bytes_webp();
/** A GIF's header and a 1-pixel image, stating its logical size as w x h. */
const gif = (w: number, h: number) =>
  Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, w & 255, w >> 8, h & 255, h >> 8, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]);
/** Enough of an MP4 for the sniffer (an ftyp box); videos' sizes and durations are stated by the sender. */
const mp4 = () => Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypisom"), 0, 0, 2, 0, ...new TextEncoder().encode("isomiso2"), ...new Uint8Array(64)]);
const ogg = () => Uint8Array.from([...new TextEncoder().encode("OggS"), 0, 2, ...new Uint8Array(64)]);
const pdf = () => new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n");

function form(params: Record<string, string | { bytes: Uint8Array; type: string; name: string }>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string") f.set(k, v);
    else f.set(k, new Blob([v.bytes], { type: v.type }), v.name);
  }
  return f;
}
const upload = (bot: TestBot, method: string, params: Parameters<typeof form>[0]) => botCall(bot.token, method, {}, { method: "POST", body: form(params) });

async function download(bot: TestBot, fileId: string, token = bot.token) {
  const file = await bot.api("getFile", { file_id: fileId });
  expect(file.ok, JSON.stringify(file)).toBe(true);
  const r = await exports.default.fetch(`http://switchboard.test/file/bot${token}/${file.result.file_path}`);
  return { path: file.result.file_path as string, status: r.status, bytes: new Uint8Array(await r.arrayBuffer()) };
}

async function storedKeys(chatKey: string): Promise<string[]> {
  const listed = await env.MEDIA.list({ prefix: `${chatKey}/` });
  return listed.objects.map((o) => o.key).sort();
}

// ---- a local fake of the web, for files sent by URL --------------------------------------

const served = new Map<string, () => Response>();
const realFetch = globalThis.fetch;
const fetched: string[] = [];

function serveWeb() {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const answer = served.get(url);
    if (!answer) return realFetch(input, init);
    fetched.push(url);
    return answer();
  });
}

afterEach(() => {
  served.clear();
  fetched.length = 0;
});

// ---- the chat -----------------------------------------------------------------------------

let user: Session;
let bot: TestBot;
let chat: number;
let chatKey: string;

beforeAll(async () => {
  serveWeb();
  user = await register();
  const owner = await register();
  bot = await createBot(owner);
  const roomy = { rate: 100, burst: 100 }; // many sends to one chat in a moment; rate limits are tested elsewhere
  await call("PATCH", `/api/v1/bots/${bot.username}`, { token: owner.token, json: { rateLimits: { global: roomy, privateChat: roomy, group: roomy } } });
  await start(user, bot);
  chat = user.user.id;
  chatKey = `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}`;
});

const history = async () => (await call("GET", `/api/v1/chats/${bot.id}/messages?limit=100`, { token: user.token })).body.messages as any[];

describe("photos", () => {
  it("a small photo still has a thumbnail: Telegram's 90-pixel size, then the original", async () => {
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(300, 200), type: "image/png", name: "small.png" } });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.photo.map((p: { width: number; height: number }) => [p.width, p.height])).toEqual([
      [90, 60],
      [300, 200],
    ]);
  });

  it("come as PhotoSizes with real sizes: a thumbnail stored beside the original, the original last", async () => {
    const original = png(800, 600);
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: original, type: "image/png", name: "wide.png" } });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const [thumb, full] = sent.result.photo;
    expect(sent.result.photo).toHaveLength(2);
    expect(full).toMatchObject({ width: 800, height: 600, file_size: original.length });
    expect(thumb).toMatchObject({ width: 320, height: 240 });
    expect(thumb.file_size).toBeLessThan(full.file_size);
    expect(thumb.file_id).not.toBe(full.file_id);
    // the thumbnail is a genuinely smaller JPEG, in R2 beside the original
    const small = await download(bot, thumb.file_id);
    expect(small.path).toMatch(/\.jpg$/);
    expect(imageSize(small.bytes)).toEqual({ width: 320, height: 240 });
    const big = await download(bot, full.file_id);
    expect(big.path).toMatch(/^p_\d+_\d+\/[0-9a-f-]{36}\.png$/);
    expect(big.bytes).toEqual(original);
    // the web app is given both: the thumbnail for the list, the original for the viewer
    const shown = (await history()).at(-1).media;
    expect(shown).toMatchObject({ kind: "image", width: 800, height: 600, thumbnail: { width: 320, height: 240 }, thumbnailUrl: expect.stringContaining(shown.thumbnail.fileId) });
    const thumbFromApp = await call("GET", shown.thumbnailUrl, { token: user.token });
    expect(thumbFromApp.response.headers.get("Content-Type")).toBe("image/jpeg");
  });

  it("keep a turned phone photo upright: the sides are as shown", async () => {
    // An Exif segment saying "turned a quarter clockwise" (orientation 6), put after the JPEG's start.
    const tiff = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
    const body = [...new TextEncoder().encode("Exif\0\0"), ...tiff];
    const stored = jpeg(640, 480);
    const turned = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body, ...stored.slice(2)]);
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: turned, type: "image/jpeg", name: "phone.jpg" } });
    expect(sent.result.photo.map((p: any) => [p.width, p.height])).toEqual([[240, 320], [480, 640]]);
    expect(imageSize((await download(bot, sent.result.photo[0].file_id)).bytes)).toEqual({ width: 240, height: 320 });
  });

  it("keep the original only when no thumbnail can be made, with honest sizes", async () => {
    const tiny = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(80, 40), type: "image/png", name: "tiny.png" } });
    expect(tiny.result.photo).toEqual([expect.objectContaining({ width: 80, height: 40 })]);
    // a header that states 800x600, then damaged image data: it does not decode
    const damaged = png(800, 600).slice(0, 60);
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: damaged, type: "image/png", name: "damaged.png" } });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.photo).toEqual([expect.objectContaining({ width: 800, height: 600, file_size: damaged.length })]);
  });

  it("refuse what is no picture, and sides Telegram refuses", async () => {
    const header = png(9000, 2000).slice(0, 33);
    const wide = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: header, type: "image/png", name: "wide.png" } });
    expect(wide).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: PHOTO_INVALID_DIMENSIONS" });
    const signatureOnly = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const none = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: signatureOnly, type: "image/png", name: "x.png" } });
    expect(none).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" });
  });

  it("keep their sizes and thumbnail when sent again by file_id; a file is sent only as a kind it can be", async () => {
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(640, 640), type: "image/png", name: "sq.png" } });
    const again = await bot.api("sendPhoto", { chat_id: chat, photo: sent.result.photo[1].file_id });
    expect(again.result.photo.map((p: any) => [p.width, p.height])).toEqual([[320, 320], [640, 640]]);
    expect(again.result.photo[0].file_id).not.toBe(sent.result.photo[0].file_id); // copies: deleting one leaves the other
    const doc = await upload(bot, "sendDocument", { chat_id: String(chat), document: { bytes: pdf(), type: "application/pdf", name: "a.pdf" } });
    const asPhoto = await bot.api("sendPhoto", { chat_id: chat, photo: doc.result.document.file_id });
    expect(asPhoto).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: can't use file of type Document as Photo" });
    const thumbAsPhoto = await bot.api("sendPhoto", { chat_id: chat, photo: sent.result.photo[0].file_id });
    expect(thumbAsPhoto.description).toBe("Bad Request: can't use file of type Thumbnail as Photo");
    // a deleted message takes its thumbnail with it
    const before = await storedKeys(chatKey);
    expect((await bot.api("deleteMessage", { chat_id: chat, message_id: again.result.message_id })).ok).toBe(true);
    const after = await storedKeys(chatKey);
    expect(before.length - after.length).toBe(2);
  });
});

describe("stickers, animations, video notes, durations", () => {
  it("sendSticker sends a WebP or PNG sticker, sized, with no caption", async () => {
    const sent = await upload(bot, "sendSticker", { chat_id: String(chat), sticker: { bytes: webp(512, 512), type: "image/webp", name: "s.webp" }, emoji: "🙂" });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.sticker).toMatchObject({ type: "regular", width: 512, height: 512, is_animated: false, is_video: false, file_id: expect.any(String) });
    expect(sent.result.caption).toBeUndefined();
    const again = await bot.api("sendSticker", { chat_id: chat, sticker: sent.result.sticker.file_id });
    expect(again.result.sticker).toMatchObject({ width: 512, height: 512 });
    const jpg = await upload(bot, "sendSticker", { chat_id: String(chat), sticker: { bytes: jpeg(64, 64), type: "image/jpeg", name: "s.jpg" } });
    expect(jpg).toMatchObject({ ok: false, error_code: 400 });
    const huge = new Uint8Array(600 * 1024);
    huge.set(webp(512, 512));
    expect((await upload(bot, "sendSticker", { chat_id: String(chat), sticker: { bytes: huge, type: "image/webp", name: "big.webp" } })).error_code).toBe(413);
    expect((await history()).at(-1).media).toMatchObject({ kind: "sticker", width: 512, height: 512 });
  });

  it("sendAnimation sends a GIF (sized from its header) or a silent MP4, and Telegram's document beside it", async () => {
    const sent = await upload(bot, "sendAnimation", { chat_id: String(chat), animation: { bytes: gif(320, 180), type: "image/gif", name: "loop.gif" }, caption: "loop", duration: "3" });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.animation).toMatchObject({ width: 320, height: 180, duration: 3, mime_type: "image/gif", file_name: "loop.gif" });
    expect(sent.result.document).toMatchObject({ file_id: sent.result.animation.file_id, mime_type: "image/gif" });
    expect(sent.result.caption).toBe("loop");
    const video = await upload(bot, "sendAnimation", { chat_id: String(chat), animation: { bytes: mp4(), type: "video/mp4", name: "loop.mp4" }, width: "480", height: "270", duration: "999999999" });
    expect(video.result.animation).toMatchObject({ width: 480, height: 270, duration: 86_400, mime_type: "video/mp4" });
    const pdfAnimation = await upload(bot, "sendAnimation", { chat_id: String(chat), animation: { bytes: pdf(), type: "application/pdf", name: "a.pdf" } });
    expect(pdfAnimation).toMatchObject({ ok: false, error_code: 400 });
    expect((await history()).at(-1).media).toMatchObject({ kind: "animation", width: 480, height: 270, duration: 86_400 });
  });

  it("sendVideoNote sends a square MP4 with its length, duration and an uploaded thumbnail", async () => {
    const sent = await upload(bot, "sendVideoNote", {
      chat_id: String(chat),
      video_note: { bytes: mp4(), type: "video/mp4", name: "note.mp4" },
      length: "240",
      duration: "5",
      thumbnail: "attach://cover",
      cover: { bytes: jpeg(90, 90), type: "image/jpeg", name: "cover.jpg" },
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.video_note).toMatchObject({ length: 240, duration: 5, thumbnail: { width: 90, height: 90 } });
    expect(imageSize((await download(bot, sent.result.video_note.thumbnail.file_id)).bytes)).toEqual({ width: 90, height: 90 });
    // a thumbnail larger than Telegram's 320 pixels is left out, and not stored
    const before = (await storedKeys(chatKey)).length;
    const big = await upload(bot, "sendVideoNote", { chat_id: String(chat), video_note: { bytes: mp4(), type: "video/mp4", name: "n.mp4" }, thumbnail: { bytes: jpeg(400, 400), type: "image/jpeg", name: "t.jpg" } });
    expect(big.ok).toBe(true);
    expect(big.result.video_note.thumbnail).toBeUndefined();
    expect((await storedKeys(chatKey)).length).toBe(before + 1);
    const byUrl = await bot.api("sendVideoNote", { chat_id: chat, video_note: "https://media.example.com/note.mp4" });
    expect(byUrl.description).toBe("Bad Request: wrong file identifier/HTTP URL specified"); // "Sending video notes by a URL is currently unsupported"
  });

  it("videos, voice and audio carry the durations and sizes the bot states", async () => {
    const video = await upload(bot, "sendVideo", { chat_id: String(chat), video: { bytes: mp4(), type: "video/mp4", name: "v.mp4" }, duration: "12", width: "1280", height: "720" });
    expect(video.result.video).toMatchObject({ duration: 12, width: 1280, height: 720 });
    const voice = await upload(bot, "sendVoice", { chat_id: String(chat), voice: { bytes: ogg(), type: "audio/ogg", name: "v.ogg" }, duration: "7" });
    expect(voice.result.voice).toMatchObject({ duration: 7, mime_type: "audio/ogg" });
    const reused = await bot.api("sendVoice", { chat_id: chat, voice: voice.result.voice.file_id });
    expect(reused.result.voice.duration).toBe(7); // a file sent again keeps its duration
    expect((await history()).at(-1).media).toMatchObject({ kind: "voice", duration: 7 });
    expect((await download(bot, voice.result.voice.file_id)).path).toMatch(/\.oga$/);
  });
});

describe("albums", () => {
  it("sendMediaGroup answers the messages, each with its caption and the album's media_group_id", async () => {
    const first = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(400, 300), type: "image/png", name: "p.png" } });
    const media = [
      { type: "photo", media: "attach://one", caption: "first <b>one</b>", parse_mode: "HTML" },
      { type: "photo", media: first.result.photo[1].file_id, caption: "second" },
      { type: "video", media: "attach://clip", duration: 4, width: 640, height: 360, thumbnail: "attach://poster" },
    ];
    const sent = await upload(bot, "sendMediaGroup", {
      chat_id: String(chat),
      media: JSON.stringify(media),
      one: { bytes: png(1000, 500), type: "image/png", name: "one.png" },
      clip: { bytes: mp4(), type: "video/mp4", name: "clip.mp4" },
      poster: { bytes: jpeg(320, 180), type: "image/jpeg", name: "poster.jpg" },
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result).toHaveLength(3);
    const group = sent.result[0].media_group_id;
    expect(group).toMatch(/^\d+$/);
    expect(sent.result.map((m: any) => m.media_group_id)).toEqual([group, group, group]);
    expect(sent.result[0]).toMatchObject({ caption: "first one", caption_entities: [{ type: "bold", offset: 6, length: 3 }] });
    expect(sent.result[0].photo.map((p: any) => [p.width, p.height])).toEqual([[320, 160], [1000, 500]]);
    expect(sent.result[1]).toMatchObject({ caption: "second" });
    expect(sent.result[2].video).toMatchObject({ duration: 4, width: 640, height: 360, thumbnail: { width: 320, height: 180 } });
    expect(sent.result[2].caption).toBeUndefined();
    const ids = sent.result.map((m: any) => m.message_id);
    expect(ids).toEqual([ids[0], ids[0] + 1, ids[0] + 2]);
    // the user sees three messages of one album
    const shown = (await history()).slice(-3);
    expect(shown.map((m) => m.mediaGroupId)).toEqual([group, group, group]);
    expect(shown.map((m) => m.text)).toEqual(["first one", "second", ""]);
    // another album gets another id; JSON bodies work too
    const json = await bot.api("sendMediaGroup", { chat_id: chat, media: [{ type: "photo", media: first.result.photo[1].file_id }, { type: "photo", media: first.result.photo[1].file_id }] });
    expect(json.ok, JSON.stringify(json)).toBe(true);
    expect(json.result[0].media_group_id).not.toBe(group);
  });

  it("is all or nothing: a bad item refuses the album and stores nothing", async () => {
    const photoId = (await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(400, 400), type: "image/png", name: "p.png" } })).result.photo[1].file_id;
    const before = await storedKeys(chatKey);
    const count = (await history()).length;
    const cases: [Parameters<typeof form>[0], string][] = [
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "photo", media: "attach://missing" }]), a: { bytes: png(400, 400), type: "image/png", name: "a.png" } }, "Bad Request: can't parse InputMedia: media not found"],
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "photo", media: "attach://b" }]), a: { bytes: png(400, 400), type: "image/png", name: "a.png" }, b: { bytes: pdf(), type: "application/pdf", name: "b.pdf" } }, "Bad Request: the b must be an image, not application/pdf"],
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "photo", media: "AAAAnot-a-file-id" }]), a: { bytes: png(400, 400), type: "image/png", name: "a.png" } }, "Bad Request: wrong file identifier/HTTP URL specified"],
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "document", media: "attach://d" }]), a: { bytes: png(400, 400), type: "image/png", name: "a.png" }, d: { bytes: pdf(), type: "application/pdf", name: "d.pdf" } }, "Bad Request: document can't be mixed with other media types"],
      [{ media: JSON.stringify([{ type: "audio", media: "attach://a" }, { type: "photo", media: "attach://p" }]), a: { bytes: ogg(), type: "audio/ogg", name: "a.ogg" }, p: { bytes: png(40, 40), type: "image/png", name: "p.png" } }, "Bad Request: audio can't be mixed with other media types"],
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "photo", media: "attach://a" }]), a: { bytes: png(40, 40), type: "image/png", name: "a.png" } }, "Bad Request: the file attach://a is named twice"],
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "photo", media: "upload://a" }]), a: { bytes: png(40, 40), type: "image/png", name: "a.png" } }, "Bad Request: wrong file identifier/HTTP URL specified"],
      [{ media: JSON.stringify([{ type: "photo", media: "attach://a" }]), a: { bytes: png(40, 40), type: "image/png", name: "a.png" } }, "Bad Request: an album must include 2-10 items"],
      [{ media: "[]" }, "Bad Request: there are no messages to send"],
      [{ media: JSON.stringify(Array(11).fill({ type: "photo", media: "x" })) }, "Bad Request: too many messages to send as an album"],
      [{ media: JSON.stringify(Array(51).fill({ type: "photo", media: "x" })) }, "Bad Request: too many messages to send as an album"], // past the parser's bound
    ];
    for (const [params, description] of cases) {
      const r = await upload(bot, "sendMediaGroup", { chat_id: String(chat), ...params });
      expect(r, JSON.stringify(params.media)).toMatchObject({ ok: false, error_code: 400, description });
    }
    // a URL that fails after an upload was stored: the upload is removed with the refusal
    served.set("https://media.example.com/gone.png", () => new Response("no", { status: 404 }));
    const late = await upload(bot, "sendMediaGroup", {
      chat_id: String(chat),
      media: JSON.stringify([{ type: "photo", media: "attach://a" }, { type: "photo", media: "https://media.example.com/gone.png" }]),
      a: { bytes: png(400, 400), type: "image/png", name: "a.png" },
    });
    expect(late.description).toBe("Bad Request: failed to get HTTP URL content");
    expect(fetched).toEqual(["https://media.example.com/gone.png"]);
    // a file_id copied for the album before a URL fails: the copy is removed too
    const copied = await bot.api("sendMediaGroup", { chat_id: chat, media: [{ type: "photo", media: photoId }, { type: "photo", media: "https://media.example.com/gone.png" }] });
    expect(copied.description).toBe("Bad Request: failed to get HTTP URL content");
    expect(await storedKeys(chatKey)).toEqual(before);
    expect((await history()).length).toBe(count);
  });
});

describe("edits of captions and media", () => {
  it("editMessageCaption changes a media message's caption, in Telegram's words when it cannot", async () => {
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(40, 40), type: "image/png", name: "p.png" }, caption: "before" });
    const id = sent.result.message_id;
    const edited = await bot.api("editMessageCaption", { chat_id: chat, message_id: id, caption: "*after*", parse_mode: "MarkdownV2" });
    expect(edited.result).toMatchObject({ message_id: id, caption: "after", caption_entities: [{ type: "bold", offset: 0, length: 5 }], edit_date: expect.any(Number), photo: sent.result.photo });
    expect((await bot.api("editMessageCaption", { chat_id: chat, message_id: id, caption: "*after*", parse_mode: "MarkdownV2" })).description).toMatch(/^Bad Request: message is not modified/);
    const cleared = await bot.api("editMessageCaption", { chat_id: chat, message_id: id });
    expect(cleared.result.caption).toBeUndefined();
    const text = await bot.api("sendMessage", { chat_id: chat, text: "plain" });
    expect((await bot.api("editMessageCaption", { chat_id: chat, message_id: text.result.message_id, caption: "x" })).description).toBe("Bad Request: there is no caption in the message to edit");
    expect((await bot.api("editMessageCaption", { chat_id: chat, message_id: 999_999, caption: "x" })).description).toBe("Bad Request: message to edit not found");
    const mine = await call("POST", `/api/v1/chats/${bot.id}/messages`, { token: user.token, json: { text: "the user's" } });
    expect((await bot.api("editMessageCaption", { chat_id: chat, message_id: mine.body.message.id, caption: "x" })).description).toBe("Bad Request: message can't be edited");
    expect((await history()).find((m) => m.id === id)).toMatchObject({ text: "", editDate: expect.any(Number) });
  });

  it("editMessageMedia replaces a message's file (the old one leaves storage), keeping album rules", async () => {
    const sent = await upload(bot, "sendPhoto", { chat_id: String(chat), photo: { bytes: png(800, 400), type: "image/png", name: "p.png" }, caption: "old" });
    const id = sent.result.message_id;
    const before = await storedKeys(chatKey);
    const edited = await upload(bot, "editMessageMedia", {
      chat_id: String(chat),
      message_id: String(id),
      media: JSON.stringify({ type: "video", media: "attach://v", caption: "new", duration: 9 }),
      v: { bytes: mp4(), type: "video/mp4", name: "v.mp4" },
    });
    expect(edited.ok, JSON.stringify(edited)).toBe(true);
    expect(edited.result).toMatchObject({ message_id: id, caption: "new", video: { duration: 9 }, edit_date: expect.any(Number) });
    expect(edited.result.photo).toBeUndefined();
    const after = await storedKeys(chatKey);
    expect(after.length).toBe(before.length - 1); // the photo and its thumbnail went, the video came
    expect((await bot.api("getFile", { file_id: sent.result.photo[1].file_id })).description).toBe("Bad Request: invalid file_id");
    // its own file and caption again: nothing changes
    const same = await bot.api("editMessageMedia", { chat_id: chat, message_id: id, media: { type: "video", media: edited.result.video.file_id, caption: "new" } });
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    expect(await storedKeys(chatKey)).toEqual(after);
    // by URL
    served.set("https://media.example.com/cat.jpg", () => new Response(jpeg(500, 500), { headers: { "Content-Type": "image/jpeg" } }));
    const byUrl = await bot.api("editMessageMedia", { chat_id: chat, message_id: id, media: { type: "photo", media: "https://media.example.com/cat.jpg" } });
    expect(byUrl.result.photo.map((p: any) => p.width)).toEqual([320, 500]);
    // a voice note's media stays; a text has none; an album keeps documents documents
    const voice = await upload(bot, "sendVoice", { chat_id: String(chat), voice: { bytes: ogg(), type: "audio/ogg", name: "v.ogg" } });
    const photoId = byUrl.result.photo[1].file_id;
    expect((await bot.api("editMessageMedia", { chat_id: chat, message_id: voice.result.message_id, media: { type: "photo", media: photoId } })).description).toBe("Bad Request: message media can't be edited");
    const text = await bot.api("sendMessage", { chat_id: chat, text: "plain" });
    expect((await bot.api("editMessageMedia", { chat_id: chat, message_id: text.result.message_id, media: { type: "photo", media: photoId } })).description).toBe("Bad Request: message media can't be edited");
    const album = await bot.api("sendMediaGroup", { chat_id: chat, media: [{ type: "photo", media: photoId }, { type: "photo", media: photoId }] });
    const doc = await upload(bot, "sendDocument", { chat_id: String(chat), document: { bytes: pdf(), type: "application/pdf", name: "d.pdf" } });
    const keys = await storedKeys(chatKey);
    const toDoc = await bot.api("editMessageMedia", { chat_id: chat, message_id: album.result[0].message_id, media: { type: "document", media: doc.result.document.file_id } });
    expect(toDoc.description).toBe("Bad Request: can't change media type in the album");
    expect(await storedKeys(chatKey)).toEqual(keys); // the copy made for the refused edit is gone
    const clip = await upload(bot, "sendVideo", { chat_id: String(chat), video: { bytes: mp4(), type: "video/mp4", name: "c.mp4" } });
    const toVideo = await bot.api("editMessageMedia", { chat_id: chat, message_id: album.result[0].message_id, media: { type: "video", media: clip.result.video.file_id } });
    expect(toVideo.result).toMatchObject({ media_group_id: album.result[0].media_group_id, video: expect.any(Object) });
    expect((await bot.api("editMessageMedia", { chat_id: chat, message_id: 999_999, media: { type: "photo", media: photoId } })).description).toBe("Bad Request: message to edit not found");
  });
});

describe("files sent by URL", () => {
  it("are fetched, sniffed and stored as uploads are", async () => {
    const body = png(640, 480);
    served.set("https://media.example.com/pics/cat.png", () => new Response(body, { headers: { "Content-Type": "image/png" } }));
    const sent = await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/pics/cat.png", caption: "from the web" });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.photo.map((p: any) => [p.width, p.height])).toEqual([[320, 240], [640, 480]]);
    expect((await download(bot, sent.result.photo[1].file_id)).bytes).toEqual(body);
    // plain http, a redirect to a public host, a document named after the URL
    served.set("http://files.example.com/r", () => new Response(null, { status: 302, headers: { Location: "https://files.example.com/report.pdf" } }));
    served.set("https://files.example.com/report.pdf", () => new Response(pdf(), { headers: { "Content-Type": "application/pdf" } }));
    const doc = await bot.api("sendDocument", { chat_id: chat, document: "http://files.example.com/r" });
    expect(doc.result.document).toMatchObject({ file_name: "report.pdf", mime_type: "application/pdf" });
    // a video by URL keeps what the bot stated
    served.set("https://media.example.com/clip.mp4", () => new Response(mp4(), { headers: { "Content-Type": "video/mp4" } }));
    const video = await bot.api("sendVideo", { chat_id: chat, video: "https://media.example.com/clip.mp4", duration: 8, width: 320, height: 240 });
    expect(video.result.video).toMatchObject({ duration: 8, width: 320, height: 240 });
  });

  it("refuses private addresses (before any request, and at a redirect), oversize bodies, wrong types and failures", async () => {
    const before = await storedKeys(chatKey);
    for (const url of ["https://10.0.0.1/cat.png", "http://127.0.0.1:8080/cat.png", "https://169.254.169.254/latest", "https://localhost/cat.png", "https://[::1]/a.png", "ftp://example.com/a.png"]) {
      const r = await bot.api("sendPhoto", { chat_id: chat, photo: url });
      expect(r, url).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified" });
    }
    expect(fetched).toEqual([]);
    served.set("https://media.example.com/sneaky.png", () => new Response(null, { status: 301, headers: { Location: "http://192.168.1.10/admin.png" } }));
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/sneaky.png" })).description).toBe("Bad Request: failed to get HTTP URL content");
    expect(fetched).toEqual(["https://media.example.com/sneaky.png"]); // the private address was never asked
    // a body past the photo limit (5 MB), streamed without a Content-Length: reading stops there
    let pulled = 0;
    served.set("https://media.example.com/endless.png", () => {
      const head = png(100, 100);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(pulled === 1 ? head : new Uint8Array(1024 * 1024));
          if (pulled > 100) controller.close();
        },
      });
      return new Response(stream, { headers: { "Content-Type": "image/png" } });
    });
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/endless.png" })).description).toBe("Bad Request: failed to get HTTP URL content");
    expect(pulled).toBeLessThan(10);
    // a body claiming a small Content-Length does not get past the limit either
    served.set("https://media.example.com/liar.png", () => new Response(new Uint8Array(6 * 1024 * 1024), { headers: { "Content-Type": "image/png", "Content-Length": "10" } }));
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/liar.png" })).ok).toBe(false);
    served.set("https://media.example.com/page.html", () => new Response("<html>hi</html>", { headers: { "Content-Type": "text/html" } }));
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/page.html" })).description).toBe("Bad Request: wrong type of the web page content");
    served.set("https://media.example.com/fake.png", () => new Response("not a png at all", { headers: { "Content-Type": "image/png" } }));
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/fake.png" })).description).toBe("Bad Request: wrong type of the web page content");
    served.set("https://media.example.com/missing.png", () => new Response("gone", { status: 404 }));
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/missing.png" })).description).toBe("Bad Request: failed to get HTTP URL content");
    served.set("https://media.example.com/broken.png", () => {
      throw new TypeError("connection reset");
    });
    expect((await bot.api("sendPhoto", { chat_id: chat, photo: "https://media.example.com/broken.png" })).description).toBe("Bad Request: failed to get HTTP URL content");
    expect(await storedKeys(chatKey)).toEqual(before);
    // a broadcast would fetch a URL once for every recipient: it takes file_ids only
    served.set("https://media.example.com/all.png", () => new Response(png(64, 64), { headers: { "Content-Type": "image/png" } }));
    expect((await bot.api("broadcastMessage", { photo: "https://media.example.com/all.png", caption: "hi all" })).description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    expect(fetched).not.toContain("https://media.example.com/all.png");
  });
});

describe("getFile", () => {
  it("gives a path ending in the file's extension, served at /file/bot<token>/ (the token percent-encoded too)", async () => {
    const doc = await upload(bot, "sendDocument", { chat_id: String(chat), document: { bytes: pdf(), type: "application/pdf", name: "terms.pdf" } });
    const got = await download(bot, doc.result.document.file_id);
    expect(got.path).toMatch(/^p_\d+_\d+\/[0-9a-f-]{36}\.pdf$/);
    expect(got.bytes).toEqual(pdf());
    const encoded = await download(bot, doc.result.document.file_id, bot.token.replace(":", "%3A"));
    expect(encoded.status).toBe(200);
    expect(encoded.bytes).toEqual(pdf());
    const withoutExtension = await exports.default.fetch(`http://switchboard.test/file/bot${bot.token}/${got.path.replace(/\.pdf$/, "")}`);
    expect(withoutExtension.status).toBe(200);
    const other = await createBot(await register());
    const stolen = await exports.default.fetch(`http://switchboard.test/file/bot${other.token}/${got.path}`);
    expect(stolen.status).toBe(404);
  });
});

describe("the web app's uploads", () => {
  it("state durations and sizes within bounds; images get their size and a thumbnail", async () => {
    const f = new FormData();
    f.set("file", new Blob([ogg()], { type: "audio/ogg" }), "rec.ogg");
    f.set("duration", "7");
    const voice = await call("POST", `/api/v1/chats/${bot.id}/media`, { token: user.token, body: f });
    expect(voice.status).toBe(201);
    expect(voice.body.message.media).toMatchObject({ kind: "voice", duration: 7 });
    const bad = new FormData();
    bad.set("file", new Blob([ogg()], { type: "audio/ogg" }), "rec.ogg");
    bad.set("duration", "100000");
    expect((await call("POST", `/api/v1/chats/${bot.id}/media`, { token: user.token, body: bad })).status).toBe(400);
    const img = new FormData();
    img.set("file", new Blob([jpeg(1200, 900)], { type: "image/jpeg" }), "pic.jpg");
    const image = await call("POST", `/api/v1/chats/${bot.id}/media`, { token: user.token, body: img });
    expect(image.body.message.media).toMatchObject({ kind: "image", width: 1200, height: 900, thumbnail: { width: 320, height: 240 } });
  });
});
