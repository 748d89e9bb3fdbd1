import { test } from "node:test";
import assert from "node:assert/strict";
import { editChanges, editProblem } from "./edits.ts";

const button = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };

test("an edit that changes nothing is refused", () => {
  assert.equal(editChanges({ text: "hi" }, { text: "hi" }), null);
  assert.equal(editChanges({ text: "hi", replyMarkup: button }, { replyMarkup: button }), null);
  assert.equal(editChanges({ text: "hi", entities: [] }, { text: "hi" }), null);
});

test("a new text drops the old entities; null removes the buttons", () => {
  const bold = [{ type: "bold" as const, offset: 0, length: 2 }];
  assert.deepEqual(editChanges({ text: "hi", entities: bold }, { text: "ho" }), { text: "ho" });
  assert.deepEqual(editChanges({ text: "hi", replyMarkup: button }, { replyMarkup: null }), { text: "hi" });
  assert.deepEqual(editChanges({ text: "hi" }, { replyMarkup: button }), { text: "hi", replyMarkup: button });
});

const photo = { kind: "image" as const, fileId: "f1", mime: "image/png", size: 10, name: "a.png" };
const video = { kind: "video" as const, fileId: "f2", mime: "video/mp4", size: 10, name: "v.mp4" };
const doc = { kind: "file" as const, fileId: "f3", mime: "application/pdf", size: 10, name: "d.pdf" };
const voice = { kind: "voice" as const, fileId: "f4", mime: "audio/ogg", size: 10, name: "v.oga" };

test("new media is a change unless it is the same file; the caption goes with it", () => {
  assert.deepEqual(editChanges({ text: "cap", media: photo }, { text: "cap", media: video, target: "media" }), { text: "cap", media: video });
  assert.equal(editChanges({ text: "cap", media: photo }, { text: "cap", media: photo, target: "media" }), null);
  assert.deepEqual(editChanges({ text: "cap", media: photo }, { text: "", media: photo, target: "media" }), { text: "" });
});

test("captions only where there is media; media only of the kinds Telegram replaces", () => {
  assert.equal(editProblem({}, { text: "x", target: "caption" }), "no_caption");
  assert.equal(editProblem({ media: photo }, { text: "x", target: "caption" }), null);
  assert.equal(editProblem({ media: voice }, { text: "x", target: "caption" }), null); // a voice note has a caption
  assert.equal(editProblem({}, { media: photo, target: "media" }), "media_not_editable");
  assert.equal(editProblem({ media: voice }, { media: photo, target: "media" }), "media_not_editable");
  assert.equal(editProblem({ media: photo }, { media: voice, target: "media" }), "media_not_editable");
  assert.equal(editProblem({ media: photo }, { media: doc, target: "media" }), null);
  assert.equal(editProblem({}, { text: "plain" }), null);
});

test("in an album, photos and videos swap; documents and audio keep their kind", () => {
  assert.equal(editProblem({ media: photo, mediaGroupId: "1" }, { media: video, target: "media" }), null);
  assert.equal(editProblem({ media: photo, mediaGroupId: "1" }, { media: doc, target: "media" }), "album_media_type");
  assert.equal(editProblem({ media: doc, mediaGroupId: "1" }, { media: { ...doc, fileId: "f9" }, target: "media" }), null);
  assert.equal(editProblem({ media: doc, mediaGroupId: "1" }, { media: photo, target: "media" }), "album_media_type");
});
