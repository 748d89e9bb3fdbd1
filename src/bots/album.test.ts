import { test } from "node:test";
import assert from "node:assert/strict";
import { albumProblem } from "./album.ts";

test("an album holds 2 to 10 items", () => {
  assert.equal(albumProblem([]), "there are no messages to send");
  assert.equal(albumProblem(["photo"]), "an album must include 2-10 items");
  assert.equal(albumProblem(["photo", "video"]), null);
  assert.equal(albumProblem(Array(10).fill("photo")), null);
  assert.equal(albumProblem(Array(11).fill("photo")), "too many messages to send as an album");
});

test("documents and audio files go only with their own kind; photos and videos mix", () => {
  assert.equal(albumProblem(["document", "document"]), null);
  assert.equal(albumProblem(["audio", "audio", "audio"]), null);
  assert.equal(albumProblem(["photo", "document"]), "document can't be mixed with other media types");
  assert.equal(albumProblem(["audio", "video"]), "audio can't be mixed with other media types");
  assert.equal(albumProblem(["photo", "animation"]), `can't parse InputMedia: type "animation" can't be used in sendMediaGroup`);
});
