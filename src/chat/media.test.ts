import { test } from "node:test";
import assert from "node:assert/strict";
import { checkUpload, mediaKindOf, mediaLimits } from "./media.ts";

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
