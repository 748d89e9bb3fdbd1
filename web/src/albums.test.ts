import { test } from "node:test";
import assert from "node:assert/strict";
import { duration, groupAlbums } from "./albums.ts";
import type { Message } from "./types.ts";

const msg = (id: number, from: number, mediaGroupId?: string): Message =>
  ({ id, chatId: 1, from: { id: from, handle: "u", displayName: "U" }, date: 0, text: "", ...(mediaGroupId ? { mediaGroupId } : {}) }) as Message;

test("consecutive messages of one album make one row; others stay alone", () => {
  const rows = groupAlbums([msg(1, 7), msg(2, 7, "a"), msg(3, 7, "a"), msg(4, 7, "a"), msg(5, 7), msg(6, 7, "b"), msg(7, 7, "c")]);
  assert.deepEqual(rows.map((r) => r.map((m) => m.id)), [[1], [2, 3, 4], [5], [6], [7]]);
});

test("an album is broken by another message between its items, or another sender's", () => {
  assert.deepEqual(groupAlbums([msg(1, 7, "a"), msg(2, 8), msg(3, 7, "a")]).map((r) => r.length), [1, 1, 1]);
  assert.deepEqual(groupAlbums([msg(1, 7, "a"), msg(2, 8, "a")]).map((r) => r.length), [1, 1]);
  assert.deepEqual(groupAlbums([]), []);
});

test("durations read as players show them", () => {
  assert.equal(duration(7), "0:07");
  assert.equal(duration(750), "12:30");
  assert.equal(duration(3723), "1:02:03");
  assert.equal(duration(-1), "0:00");
});
