import { test } from "node:test";
import assert from "node:assert/strict";
import { fits, limitFrom, windowAt } from "./quota.ts";

const perHour = { limit: 3, windowSeconds: 3600 };
const inAll = { limit: 20, windowSeconds: null };

test("a window starts at a multiple of its length and says when it ends", () => {
  assert.deepEqual(windowAt(perHour, 7200), { start: 7200, resetsIn: 3600 });
  assert.deepEqual(windowAt(perHour, 7200 + 3599), { start: 7200, resetsIn: 1 });
  assert.deepEqual(windowAt(perHour, 7200 + 3600), { start: 10800, resetsIn: 3600 });
  // days turn over at midnight UTC
  const day = { limit: 1, windowSeconds: 86400 };
  assert.equal(windowAt(day, Date.UTC(2026, 0, 2, 13, 5) / 1000).start, Date.UTC(2026, 0, 2) / 1000);
});

test("a quota counted in all has one window that never ends", () => {
  assert.deepEqual(windowAt(inAll, 123456), { start: 0, resetsIn: null });
});

test("an amount fits while the total stays within the limit", () => {
  assert.equal(fits(perHour, 0, 3), true);
  assert.equal(fits(perHour, 2, 1), true);
  assert.equal(fits(perHour, 3, 1), false);
  assert.equal(fits(perHour, 0, 4), false); // one upload larger than the whole quota
  assert.equal(fits(perHour, 0, -1), false);
});

test("a limit from a variable falls back on anything but a whole number", () => {
  assert.equal(limitFrom(undefined, 5), 5);
  assert.equal(limitFrom("", 5), 5);
  assert.equal(limitFrom("12", 5), 12);
  assert.equal(limitFrom("0", 5), 0);
  assert.equal(limitFrom("1.5", 5), 5);
  assert.equal(limitFrom("-2", 5), 5);
  assert.equal(limitFrom("lots", 5), 5);
});
