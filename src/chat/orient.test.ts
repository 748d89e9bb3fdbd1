import { test } from "node:test";
import assert from "node:assert/strict";
import { orient } from "./orient.ts";

// A 3x2 image whose pixels are numbered 1..6 (in the red channel), row by row:
//   1 2 3
//   4 5 6
const image = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6].flatMap((v) => [v, 0, 0, 255])) };
const rows = (p: { data: Uint8Array; width: number; height: number }) =>
  Array.from({ length: p.height }, (_, y) => Array.from({ length: p.width }, (_, x) => p.data[(y * p.width + x) * 4]));

test("each EXIF orientation shows the picture upright", () => {
  assert.deepEqual(rows(orient(image, 1)), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(rows(orient(image, 2)), [[3, 2, 1], [6, 5, 4]]);
  assert.deepEqual(rows(orient(image, 3)), [[6, 5, 4], [3, 2, 1]]);
  assert.deepEqual(rows(orient(image, 4)), [[4, 5, 6], [1, 2, 3]]);
  assert.deepEqual(rows(orient(image, 5)), [[1, 4], [2, 5], [3, 6]]);
  assert.deepEqual(rows(orient(image, 6)), [[4, 1], [5, 2], [6, 3]]); // a quarter turn clockwise
  assert.deepEqual(rows(orient(image, 7)), [[6, 3], [5, 2], [4, 1]]);
  assert.deepEqual(rows(orient(image, 8)), [[3, 6], [2, 5], [1, 4]]); // a quarter turn anticlockwise
  assert.equal(orient(image, 9), image);
});
