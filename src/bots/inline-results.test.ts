import { test } from "node:test";
import assert from "node:assert/strict";
import { inlineResults, resultsButton, storedAnswer, type InlineResultInput } from "./inline-results.ts";

const local = { allowLoopbackHttp: false };
const parse = (results: unknown) => {
  const r = inlineResults.safeParse(results);
  if (!r.success) throw new Error(r.error.issues[0]?.message);
  return r.data;
};

test("an article keeps its text parsed, its buttons, and what the list shows", () => {
  const results = parse([
    { type: "article", id: "a", title: "T", description: "D", thumbnail_url: "https://example.com/t.jpg", input_message_content: { message_text: "<b>hi</b>", parse_mode: "HTML" }, reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "y" }]] } },
  ]);
  const a = storedAnswer({ results }, local);
  assert.ok(a.ok);
  assert.deepEqual(a.value.results[0], {
    id: "a",
    type: "article",
    title: "T",
    description: "D",
    text: "hi",
    entities: [{ type: "bold", offset: 0, length: 2 }],
    thumbnail: { url: "https://example.com/t.jpg" },
    replyMarkup: { inline_keyboard: [[{ text: "x", callback_data: "y" }]] },
  });
  assert.equal(a.value.cacheSeconds, 300);
  assert.equal(a.value.personal, false);
});

test("photos: by URL (older libraries' thumb_url too) or by file_id; input_message_content replaces the photo", () => {
  const results = parse([
    { type: "photo", id: "u", photo_url: "https://example.com/p.jpg", thumb_url: "https://example.com/t.jpg", caption: "c" },
    { type: "photo", id: "f", photo_file_id: "FILE" },
    { type: "photo", id: "t", photo_file_id: "FILE", input_message_content: { message_text: "instead" } },
  ]);
  const a = storedAnswer({ results }, local);
  assert.ok(a.ok);
  const [u, f, t] = a.value.results;
  assert.deepEqual([u?.photo, u?.thumbnail, u?.text], [{ url: "https://example.com/p.jpg" }, { url: "https://example.com/t.jpg" }, "c"]);
  assert.deepEqual([f?.photo, f?.thumbnail], [{ fileId: "FILE" }, { fileId: "FILE" }]);
  assert.deepEqual([t?.photo, t?.text], [undefined, "instead"]);
});

test("a photo needs exactly one source, and a thumbnail for a URL", () => {
  assert.throws(() => parse([{ type: "photo", id: "x" }]), /exactly one of photo_url and photo_file_id/);
  assert.throws(() => parse([{ type: "photo", id: "x", photo_url: "https://e.com/a.jpg", photo_file_id: "F" }]), /exactly one/);
  assert.throws(() => parse([{ type: "photo", id: "x", photo_url: "https://e.com/a.jpg" }]), /thumbnail_url/);
});

test("URLs the platform would fetch from private addresses are refused; loopback http only in local development", () => {
  const results = parse([{ type: "photo", id: "x", photo_url: "http://127.0.0.1:9/a.png", thumbnail_url: "http://127.0.0.1:9/t.png" }]) as InlineResultInput[];
  const refused = storedAnswer({ results }, local);
  assert.equal(!refused.ok && refused.detail, "WEBDOCUMENT_URL_INVALID");
  assert.equal(storedAnswer({ results }, { allowLoopbackHttp: true }).ok, true);
});

test("the button, or the older switch_pm_text; cache_time bounded", () => {
  const withPm = storedAnswer({ results: [], switch_pm_text: "Connect", switch_pm_parameter: "login", cache_time: 10 ** 9 }, local);
  assert.ok(withPm.ok);
  assert.deepEqual(withPm.value.button, { text: "Connect", startParameter: "login" });
  assert.equal(withPm.value.cacheSeconds, 86_400);
  assert.equal(resultsButton.safeParse({ text: "x" }).success, false);
  assert.equal(resultsButton.safeParse({ text: "x", start_parameter: "ok_1" }).success, true);
  assert.equal(resultsButton.safeParse({ text: "x", web_app: { url: "http://a.example" } }).success, false);
});
