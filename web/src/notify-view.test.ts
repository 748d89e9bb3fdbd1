import { test } from "node:test";
import assert from "node:assert/strict";
import { deadLetterLine, formatDuration, fraction, isClock, modeLine, readRows, statsCharts, timeZoneChoices, type ChannelStats, type ChannelsView } from "./notify-view.ts";

const view: ChannelsView = {
  established: true,
  sent: 9,
  channels: [
    { channel: "in_app", reads: 1, firstReads: 0, importance: 1, rank: 2, pinned: false },
    { channel: "email", reads: 3, firstReads: 2, importance: 7, rank: 1, pinned: false },
    { channel: "sms", reads: 0, firstReads: 0, importance: 0, rank: 3, pinned: false },
  ],
};

test("where you read: rank order, bars against each measure's largest, the reason in words", () => {
  const rows = readRows(view);
  assert.deepEqual(rows.map((r) => [r.channel, r.role]), [["email", "primary"], ["in_app", "secondary"], ["sms", null]]);
  assert.equal(rows[0]!.why, "3 reads, 2 first reads → score 7");
  assert.equal(rows[1]!.why, "1 read, 0 first reads → score 1");
  assert.deepEqual(rows[0]!.bars, { reads: 1, firstReads: 1, importance: 1 });
  assert.deepEqual(rows[1]!.bars, { reads: 1 / 3, firstReads: 0, importance: 1 / 7 });
  assert.deepEqual(rows[2]!.bars, { reads: 0, firstReads: 0, importance: 0 });
  // A new user: still ranked, but nothing is primary yet.
  assert.deepEqual(readRows({ ...view, established: false }).map((r) => r.role), [null, null, null]);
});

test("a pinned channel says so, with its score beside", () => {
  const pinned = { ...view, channels: [{ channel: "sms" as const, reads: 0, firstReads: 0, importance: 0, rank: 1, pinned: true }, { channel: "email" as const, reads: 3, firstReads: 2, importance: 7, rank: 2, pinned: false }] };
  const rows = readRows(pinned);
  assert.equal(rows[0]!.why, "pinned as primary (0 reads, 0 first reads → score 0)");
  assert.equal(rows[1]!.why, "3 reads, 2 first reads → score 7");
  assert.equal(readRows({ ...view, channels: [] }).length, 0);
});

test("the mode line: learning for a new user, primary then secondary for an established one", () => {
  assert.equal(modeLine(view), "Notifications go to e-mail first, then to the bot's chat if unread in time.");
  assert.equal(modeLine({ ...view, established: false, sent: 2 }), "Still learning: notifications go to every channel for now (3 more notifications until we rank them).");
  assert.equal(modeLine({ ...view, established: false, sent: 4 }), "Still learning: notifications go to every channel for now (1 more notification until we rank them).");
  assert.equal(modeLine({ ...view, channels: [] }), "No channel reaches you yet.");
});

test("time zones: the browser's own first, the rest sorted, no repeats", () => {
  assert.deepEqual(timeZoneChoices(["UTC", "Europe/Berlin", "Asia/Tokyo", "UTC"], "Europe/Berlin"), ["Europe/Berlin", "Asia/Tokyo", "UTC"]);
  assert.deepEqual(timeZoneChoices(["UTC"], "America/Nowhere"), ["America/Nowhere", "UTC"]);
  assert.deepEqual(timeZoneChoices(["UTC", "Asia/Tokyo"], undefined), ["Asia/Tokyo", "UTC"]);
});

test("clock times and durations", () => {
  for (const ok of ["00:00", "07:30", "23:59"]) assert.equal(isClock(ok), true, ok);
  for (const bad of ["24:00", "7:30", "12:60", "", "12:00:00"]) assert.equal(isClock(bad), false, bad);
  assert.equal(formatDuration(null), "—");
  assert.equal(formatDuration(0), "0 s");
  assert.equal(formatDuration(59.4), "59 s");
  assert.equal(formatDuration(600), "10 min");
  assert.equal(formatDuration(3 * 3600 + 1800), "3.5 h");
  assert.equal(formatDuration(2 * 86_400), "2 d");
  assert.equal(fraction(5, 0), 0);
  assert.equal(fraction(15, 10), 1);
});

test("statistics charts: channels that saw anything, busiest first, counts scaled to the largest of all", () => {
  const c = (channel: ChannelStats["channel"], sent: number, read: number, failures = 0): ChannelStats => ({ channel, sent, read, readWithinDeadline: read, fallbacks: 0, failures, medianTimeToReadS: read ? 90 : null });
  const charts = statsCharts({ channels: [c("in_app", 2, 0, 1), c("official_account", 0, 0), c("sms", 0, 0, 1), c("email", 4, 1)], deadLetters: [] });
  assert.deepEqual(charts.map((x) => x.channel), ["email", "in_app", "sms"]);
  assert.deepEqual(charts[0]!.bars.map((b) => [b.label, b.value, b.fraction]), [["Sent", 4, 1], ["Read", 1, 0.25], ["Read in time", 1, 0.25], ["Fallbacks", 0, 0], ["Failures", 0, 0]]);
  assert.equal(charts[1]!.bars[0]!.fraction, 0.5);
  assert.deepEqual([charts[0]!.readRate, charts[0]!.median, charts[1]!.median, charts[2]!.readRate], ["25% read", "2 min", "—", "none sent"]);
  assert.deepEqual(statsCharts({ channels: [c("email", 0, 0)], deadLetters: [] }), []);
});

test("a dead letter in a line", () => {
  assert.equal(deadLetterLine('{"kind":"send","notification":"n_1","channel":"sms","notBefore":5}'), "Send · n_1 · on SMS");
  assert.equal(deadLetterLine('{"kind":"check","notification":"n_2"}'), "Fallback check · n_2");
  assert.equal(deadLetterLine("not json"), "not json");
  assert.equal(deadLetterLine("x".repeat(200)).length, 120);
});
