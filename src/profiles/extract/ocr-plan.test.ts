import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_OCR_SIDE, MAX_OCR_TEXT, MAX_SOURCE_PIXELS, isGzip, planOcr, tidyOcrText } from "./ocr-plan.ts";

test("a card-sized picture is read at its own size", () => {
  assert.deepEqual(planOcr("image/png", { width: 1050, height: 600 }), { read: true, width: 1050, height: 600 });
  assert.deepEqual(planOcr("image/jpeg", { width: MAX_OCR_SIDE, height: 10 * 2 }), { read: true, width: MAX_OCR_SIDE, height: 20 });
});

test("a large photo is scaled down to MAX_OCR_SIDE on its long side, keeping its shape", () => {
  assert.deepEqual(planOcr("image/jpeg", { width: 4000, height: 3000 }), { read: true, width: MAX_OCR_SIDE, height: 1500 });
  assert.deepEqual(planOcr("image/jpeg", { width: 3000, height: 4000 }), { read: true, width: 1500, height: MAX_OCR_SIDE });
});

test("pictures past MAX_SOURCE_PIXELS are not decoded at all", () => {
  assert.deepEqual(planOcr("image/jpeg", { width: 4000, height: 3000 + 1 }), { read: false, why: "too_large" });
  assert.equal(4000 * 3000, MAX_SOURCE_PIXELS);
});

test("other kinds, missing headers and slivers are not read", () => {
  assert.deepEqual(planOcr("application/pdf", { width: 100, height: 100 }), { read: false, why: "kind" });
  assert.deepEqual(planOcr("image/svg+xml", { width: 100, height: 100 }), { read: false, why: "kind" });
  assert.deepEqual(planOcr("image/png", null), { read: false, why: "unreadable" });
  assert.deepEqual(planOcr("image/png", { width: 2000, height: 15 }), { read: false, why: "too_small" });
});

test("the declared kind is compared without parameters or case; an unknown kind lets the header decide", () => {
  assert.equal(planOcr("Image/PNG; charset=binary", { width: 100, height: 100 }).read, true);
  assert.equal(planOcr("", { width: 100, height: 100 }).read, true);
  assert.equal(planOcr("application/octet-stream", { width: 100, height: 100 }).read, true);
});

test("tidied text keeps one line per printed line, folds spaces and drops lines of stray marks", () => {
  assert.equal(tidyOcrText("  Olivia   Bennett \r\n\n|  ~ \nTel:\t+44 20 7946 0958\n\n"), "Olivia Bennett\nTel: +44 20 7946 0958");
  assert.equal(tidyOcrText(""), "");
  assert.equal(tidyOcrText(" — | \n"), "");
});

test("tidied text is bounded, cut at a line's end when there is one", () => {
  const line = "word ".repeat(19) + "end"; // 98 characters
  const long = tidyOcrText(Array.from({ length: 100 }, () => line).join("\n"));
  assert.ok(long.length <= MAX_OCR_TEXT);
  assert.ok(long.endsWith("end"));
  assert.equal(tidyOcrText("x".repeat(MAX_OCR_TEXT + 10)).length, MAX_OCR_TEXT);
});

test("gzip is told by its magic bytes", () => {
  assert.equal(isGzip(new Uint8Array([0x1f, 0x8b, 0x08, ...new Array(15).fill(0)])), true);
  assert.equal(isGzip(new TextEncoder().encode("<!doctype html><html></html>")), false);
  assert.equal(isGzip(new Uint8Array([0x1f, 0x8b, 0x08])), false);
});
