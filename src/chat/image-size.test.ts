import { test } from "node:test";
import assert from "node:assert/strict";
import { imageSize, photoDimensionsValid, pictureProblem, thumbnailSize } from "./image-size.ts";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, n >> 8];
const be16 = (n: number) => [n >> 8, n & 255];

const png = (w: number, h: number) => bytes([0x89], "PNG\r\n", [0x1a, 0x0a], be32(13), "IHDR", be32(w), be32(h), [8, 6, 0, 0, 0]);
/** A JPEG with an APP0, optionally an Exif orientation, then a baseline or progressive frame header. */
function jpeg(w: number, h: number, opts: { orientation?: number; sof?: number; bigEndian?: boolean } = {}) {
  const app0 = [0xff, 0xe0, ...be16(16), ...bytes("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  let app1: number[] = [];
  if (opts.orientation) {
    const r16 = opts.bigEndian ? be16 : le16;
    const r32 = opts.bigEndian ? be32 : (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24];
    const tiff = [...bytes(opts.bigEndian ? "MM" : "II"), ...r16(42), ...r32(8), ...r16(2), ...r16(0x010f), ...r16(2), ...r32(4), ...bytes("Cam\0"), ...r16(0x0112), ...r16(3), ...r32(1), ...r16(opts.orientation), 0, 0, ...r32(0)];
    const body = [...bytes("Exif\0\0"), ...tiff];
    app1 = [0xff, 0xe1, ...be16(body.length + 2), ...body];
  }
  const sof = [0xff, opts.sof ?? 0xc0, ...be16(17), 8, ...be16(h), ...be16(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...app1, 0xff, 0xc4, ...be16(4), 0, 0, ...sof, 0xff, 0xda]);
}

test("reads the size each format's header states", () => {
  assert.deepEqual(imageSize(png(800, 600)), { width: 800, height: 600 });
  assert.deepEqual(imageSize(bytes("GIF89a", le16(320), le16(200), [0, 0, 0])), { width: 320, height: 200 });
  assert.deepEqual(imageSize(jpeg(4032, 3024)), { width: 4032, height: 3024 });
  assert.deepEqual(imageSize(jpeg(1024, 768, { sof: 0xc2 })), { width: 1024, height: 768 }); // progressive
  // WebP: lossy (VP8), lossless (VP8L) and extended (VP8X)
  const lossy = bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ", [0, 0, 0, 0], [0x30, 0x01, 0x00], [0x9d, 0x01, 0x2a], le16(640), le16(480), [0, 0]);
  assert.deepEqual(imageSize(lossy), { width: 640, height: 480 });
  const bits = (511 - 1) | ((255 - 1) << 14);
  const lossless = bytes("RIFF", [0, 0, 0, 0], "WEBPVP8L", [0, 0, 0, 0], [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, bits >>> 24], [0, 0, 0, 0, 0]);
  assert.deepEqual(imageSize(lossless), { width: 511, height: 255 });
  const extended = bytes("RIFF", [0, 0, 0, 0], "WEBPVP8X", [10, 0, 0, 0], [0, 0, 0, 0], [511 & 255, 511 >> 8, 0], [99, 0, 0], [0, 0]);
  assert.deepEqual(imageSize(extended), { width: 512, height: 100 });
});

test("an EXIF orientation that turns the picture swaps its sides", () => {
  assert.deepEqual(imageSize(jpeg(4032, 3024, { orientation: 6 })), { width: 3024, height: 4032, orientation: 6 });
  assert.deepEqual(imageSize(jpeg(4032, 3024, { orientation: 8, bigEndian: true })), { width: 3024, height: 4032, orientation: 8 });
  assert.deepEqual(imageSize(jpeg(4032, 3024, { orientation: 3 })), { width: 4032, height: 3024, orientation: 3 });
  assert.deepEqual(imageSize(jpeg(40, 30, { orientation: 1 })), { width: 40, height: 30 });
});

test("no size for what is not an image header, or is cut short", () => {
  assert.equal(imageSize(new TextEncoder().encode("hello, not an image at all")), null);
  assert.equal(imageSize(png(800, 600).slice(0, 20)), null);
  assert.equal(imageSize(png(0, 600)), null);
  assert.equal(imageSize(jpeg(800, 600).slice(0, 30)), null);
  assert.equal(imageSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2])), null); // scan data before any frame
  assert.equal(imageSize(new Uint8Array(0)), null);
});

test("a thumbnail is a genuinely smaller image, same proportions", () => {
  assert.deepEqual(thumbnailSize({ width: 800, height: 600 }), { width: 320, height: 240 });
  assert.deepEqual(thumbnailSize({ width: 600, height: 1200 }), { width: 160, height: 320 });
  assert.deepEqual(thumbnailSize({ width: 10000, height: 10 }), { width: 320, height: 1 });
  assert.deepEqual(thumbnailSize({ width: 320, height: 100 }), { width: 90, height: 28 });
  assert.deepEqual(thumbnailSize({ width: 300, height: 200 }), { width: 90, height: 60 });
  assert.equal(thumbnailSize({ width: 90, height: 60 }), null);
  assert.equal(thumbnailSize({ width: 1, height: 1 }), null);
});

test("photo dimensions within Telegram's bounds", () => {
  assert.equal(photoDimensionsValid({ width: 5000, height: 5000 }), true);
  assert.equal(photoDimensionsValid({ width: 6000, height: 4001 }), false);
  assert.equal(photoDimensionsValid({ width: 2100, height: 100 }), false);
  assert.equal(photoDimensionsValid({ width: 2000, height: 100 }), true);
});

test("photos and stickers must be pictures we can read, photos within Telegram's bounds", () => {
  assert.equal(pictureProblem("image", png(800, 600)), null);
  assert.equal(pictureProblem("sticker", png(512, 512)), null);
  assert.equal(pictureProblem("image", png(9000, 2000)), "PHOTO_INVALID_DIMENSIONS");
  assert.equal(pictureProblem("sticker", png(9000, 2000)), null);
  assert.equal(pictureProblem("image", bytes("not a picture")), "IMAGE_PROCESS_FAILED");
  assert.equal(pictureProblem("file", bytes("not a picture")), null);
});
