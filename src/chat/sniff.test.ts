import { test } from "node:test";
import assert from "node:assert/strict";
import { contentMatches } from "./sniff.ts";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

const samples: Record<string, Uint8Array> = {
  "image/jpeg": bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"),
  "image/png": bytes([0x89], "PNG\r\n", [0x1a, 0x0a], "\0\0\0\rIHDR"),
  "image/gif": bytes("GIF89a", [1, 0, 1, 0]),
  "image/webp": bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "),
  "audio/ogg": bytes("OggS", [0, 2]),
  "audio/mpeg": bytes("ID3", [4, 0, 0]),
  "audio/wav": bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "),
  "audio/webm": bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]),
  "video/mp4": bytes([0, 0, 0, 0x20], "ftypisom"),
  "video/quicktime": bytes([0, 0, 0, 0x14], "ftypqt  "),
  "application/pdf": bytes("%PDF-1.7\n"),
  "application/zip": bytes("PK", [3, 4, 20, 0]),
};

test("each signed type's own bytes match it", () => {
  for (const [mime, head] of Object.entries(samples)) assert.equal(contentMatches(mime, head), true, mime);
  assert.equal(contentMatches("audio/mpeg", bytes([0xff, 0xfb, 0x90, 0x64])), true); // a bare MPEG frame
  assert.equal(contentMatches("IMAGE/PNG; charset=binary", samples["image/png"]!), true);
});

test("text posing as an image, audio or video is refused", () => {
  const text = new TextEncoder().encode("hello, I am not a picture");
  for (const mime of Object.keys(samples)) assert.equal(contentMatches(mime, text), false, mime);
  assert.equal(contentMatches("image/png", new Uint8Array(0)), false);
  assert.equal(contentMatches("image/png", samples["image/jpeg"]!), false); // one image kind posing as another
  assert.equal(contentMatches("image/webp", samples["audio/wav"]!), false);
});

test("types without a signature are not checked", () => {
  const text = new TextEncoder().encode("a,b\n1,2\n");
  for (const mime of ["text/plain", "text/csv", "application/json", "application/octet-stream"]) assert.equal(contentMatches(mime, text), true, mime);
});
