import { test } from "node:test";
import assert from "node:assert/strict";
import { checkUpload, fileExtension, mediaKindOf, mediaLimits, statedFacts } from "./media.ts";

test("the kind follows the MIME type", () => {
  assert.equal(mediaKindOf("image/PNG"), "image");
  assert.equal(mediaKindOf("audio/ogg; codecs=opus"), "voice");
  assert.equal(mediaKindOf("video/mp4"), "video");
  assert.equal(mediaKindOf("application/pdf"), "file");
  assert.equal(mediaKindOf("application/x-msdownload"), null);
  assert.equal(mediaKindOf(""), null);
});

test("limits are per kind, and reasons say what is wrong", () => {
  assert.deepEqual(checkUpload("image/png", 10), { ok: true, kind: "image", mime: "image/png" });
  assert.equal(checkUpload("image/png", mediaLimits.image).ok, true);
  const big = checkUpload("image/png", mediaLimits.image + 1);
  assert.equal(big.ok, false);
  assert.deepEqual(big, { ok: false, reason: "too_large", detail: "image is larger than 10 MiB" });
  assert.equal(checkUpload("video/mp4", mediaLimits.image + 1).ok, true);
  assert.equal((checkUpload("image/png", 0) as { reason: string }).reason, "empty");
  assert.deepEqual(checkUpload("text/html", 5), { ok: false, reason: "type_not_accepted", detail: "file type text/html is not accepted" });
});

test("bots send stickers, animations and video notes of Telegram's types only", () => {
  assert.deepEqual(checkUpload("image/webp", 10, "sticker"), { ok: true, kind: "sticker", mime: "image/webp" });
  assert.deepEqual(checkUpload("image/png", 10, "sticker"), { ok: true, kind: "sticker", mime: "image/png" });
  assert.equal((checkUpload("image/jpeg", 10, "sticker") as { kind: string }).kind, "image"); // not a sticker type: the edge refuses the mismatch
  assert.equal(checkUpload("image/webp", mediaLimits.sticker + 1, "sticker").ok, false);
  assert.deepEqual(checkUpload("image/gif", 10, "animation"), { ok: true, kind: "animation", mime: "image/gif" });
  assert.deepEqual(checkUpload("video/mp4", 10, "animation"), { ok: true, kind: "animation", mime: "video/mp4" });
  assert.equal((checkUpload("video/webm", 10, "video_note") as { kind: string }).kind, "video");
  assert.deepEqual(checkUpload("video/mp4", 10, "video_note"), { ok: true, kind: "video_note", mime: "video/mp4" });
});

test("a download path ends in the file's real extension", () => {
  assert.equal(fileExtension("image/jpeg", "x"), "jpg");
  assert.equal(fileExtension("image/png", "photo.jpeg"), "png");
  assert.equal(fileExtension("audio/ogg", "voice"), "oga");
  assert.equal(fileExtension("video/mp4", ""), "mp4");
  assert.equal(fileExtension("application/octet-stream", "backup.tar.GZ"), "gz");
  assert.equal(fileExtension("application/octet-stream", "noext"), "bin");
});

test("stated durations and sizes are clamped to Telegram's ranges; zero says nothing", () => {
  assert.deepEqual(statedFacts({ duration: 12, width: 640, height: 360 }), { duration: 12, width: 640, height: 360 });
  assert.deepEqual(statedFacts({ duration: 1e9, width: -5, height: 20_000 }), { duration: 86_400, height: 10_000 });
  assert.deepEqual(statedFacts({ duration: 0 }), {});
  assert.deepEqual(statedFacts({ length: 240, duration: 3.7 }), { duration: 3, width: 240, height: 240 }); // a video note is square
  assert.deepEqual(statedFacts({}), {});
});
