import { test } from "node:test";
import assert from "node:assert/strict";
import { quietHoursSchema, quietUntil } from "./plan.ts";

const at = (iso: string) => Date.parse(iso);
const utc = { start: "22:00", end: "07:00", timeZone: "UTC" };

test("outside quiet hours, or none: null", () => {
  assert.equal(quietUntil(at("2026-03-10T12:00:00Z"), utc, "normal"), null);
  assert.equal(quietUntil(at("2026-03-10T07:00:00Z"), utc, "normal"), null, "the end is not inside");
  assert.equal(quietUntil(at("2026-03-10T23:00:00Z"), null, "low"), null);
  assert.equal(quietUntil(at("2026-03-10T23:00:00Z"), { ...utc, end: "22:00" }, "low"), null, "an empty window");
});

test("a window over midnight: in the evening part the end is tomorrow, in the morning part today", () => {
  assert.equal(quietUntil(at("2026-03-10T22:00:00Z"), utc, "normal"), at("2026-03-11T07:00:00Z"));
  assert.equal(quietUntil(at("2026-03-10T23:59:59Z"), utc, "low"), at("2026-03-11T07:00:00Z"));
  assert.equal(quietUntil(at("2026-03-11T06:59:00Z"), utc, "high"), at("2026-03-11T07:00:00Z"));
});

test("a window within one day", () => {
  const lunch = { start: "12:00", end: "13:30", timeZone: "UTC" };
  assert.equal(quietUntil(at("2026-03-10T12:10:00Z"), lunch, "normal"), at("2026-03-10T13:30:00Z"));
  assert.equal(quietUntil(at("2026-03-10T11:59:00Z"), lunch, "normal"), null);
  assert.equal(quietUntil(at("2026-03-10T13:30:00Z"), lunch, "normal"), null);
});

test("urgent ignores quiet hours", () => {
  assert.equal(quietUntil(at("2026-03-10T23:00:00Z"), utc, "urgent"), null);
});

test("the window is judged in the user's zone, far from UTC", () => {
  const auckland = { start: "22:00", end: "07:00", timeZone: "Pacific/Auckland" }; // UTC+13 in March (NZDT)
  // 10:00Z is 23:00 in Auckland: quiet until 07:00 there the next local day = 18:00Z.
  assert.equal(quietUntil(at("2026-03-10T10:00:00Z"), auckland, "normal"), at("2026-03-10T18:00:00Z"));
  // 23:00Z is 12:00 in Auckland (although 23:00 in UTC would be quiet).
  assert.equal(quietUntil(at("2026-03-10T23:00:00Z"), auckland, "normal"), null);
  const honolulu = { start: "21:00", end: "06:00", timeZone: "Pacific/Honolulu" }; // UTC-10
  assert.equal(quietUntil(at("2026-03-10T08:00:00Z"), honolulu, "low"), at("2026-03-10T16:00:00Z"));
});

test("DST: the end is on the wall clock of the day it falls on", () => {
  const berlin = { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" };
  // Night of 28-29 March 2026: clocks jump at 02:00 CET to 03:00 CEST; 07:00 CEST = 05:00Z.
  assert.equal(quietUntil(at("2026-03-28T22:00:00Z"), berlin, "normal"), at("2026-03-29T05:00:00Z"));
  // An end skipped by the gap (02:30) is the same elapsed time after it: 03:30 CEST = 01:30Z.
  const gap = { start: "01:00", end: "02:30", timeZone: "Europe/Berlin" };
  assert.equal(quietUntil(at("2026-03-29T00:30:00Z"), gap, "normal"), at("2026-03-29T01:30:00Z"));
  // Autumn, 25 October 2026: 02:30 happens twice; the first (CEST, 00:30Z) is the end.
  const twice = { start: "01:00", end: "02:30", timeZone: "Europe/Berlin" };
  assert.equal(quietUntil(at("2026-10-24T23:30:00Z"), twice, "normal"), at("2026-10-25T00:30:00Z"));
});

test("quietHoursSchema refuses malformed windows and unknown zones; quietUntil throws on them", () => {
  for (const q of [{ ...utc, start: "24:00" }, { ...utc, end: "7:00" }, { ...utc, timeZone: "Mars/Olympus" }, { ...utc, extra: 1 }]) {
    assert.equal(quietHoursSchema.safeParse(q).success, false, JSON.stringify(q));
  }
  assert.throws(() => quietUntil(0, { ...utc, timeZone: "Mars/Olympus" }, "low"), RangeError);
});
