import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_CONFIG, FALLBACK_FRACTION, IMPORTANCES, countsForLearning, fallbackTimeout, parseConfig, plan, type ChannelStats, type PlanInput } from "./plan.ts";
import type { Channel } from "./schema.ts";

const ch = (channel: Channel, over: Partial<ChannelStats> = {}): ChannelStats => ({ channel, reachable: true, reads: 0, firstReads: 0, lastReadAt: null, ...over });
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  sent: 10,
  channels: [ch("in_app"), ch("official_account"), ch("sms"), ch("email")],
  pins: {},
  importance: "normal",
  ...over,
});

test("a new user gets every reachable channel now and no fallback", () => {
  const p = plan(input({ sent: DEFAULT_CONFIG.newUserThreshold - 1, channels: [ch("email", { reads: 9, firstReads: 9 }), ch("sms"), ch("in_app", { reachable: false })] }));
  assert.equal(p.mode, "all");
  assert.deepEqual(p.send, ["email", "sms"]);
  assert.equal(p.fallback, null);
  assert.equal(p.fallbackAfterMs, null);
});

test("at exactly N notifications received the user is established", () => {
  const p = plan(input({ sent: DEFAULT_CONFIG.newUserThreshold }));
  assert.equal(p.mode, "learned");
  assert.equal(p.send.length, 1);
});

test("established: primary is the top of k1·reads + k2·firstReads, fallback the next after the importance's timeout", () => {
  // sms: 1·4 + 2·0 = 4; email: 1·2 + 2·2 = 6; in_app: 1·3 + 2·0 = 3.
  const channels = [ch("in_app", { reads: 3 }), ch("sms", { reads: 4 }), ch("email", { reads: 2, firstReads: 2 })];
  const p = plan(input({ channels, importance: "high" }));
  assert.equal(p.mode, "learned");
  assert.deepEqual(p.send, ["email"]);
  assert.equal(p.fallback, "sms");
  assert.equal(p.fallbackAfterMs, DEFAULT_CONFIG.timeoutsMs.high);
  assert.deepEqual(p.ranking.map((r) => [r.channel, r.importance, r.rank]), [["email", 6, 1], ["sms", 4, 2], ["in_app", 3, 3]]);
  // Weights are the config's: with k2 = 0 sms (4) beats email (2).
  const q = plan(input({ channels }), { ...DEFAULT_CONFIG, k2: 0 });
  assert.deepEqual(q.send, ["sms"]);
  assert.equal(q.fallbackAfterMs, DEFAULT_CONFIG.timeoutsMs.normal);
});

test("a pinned primary wins over learning; the secondary comes from the ranking", () => {
  const p = plan(input({ channels: [ch("email", { reads: 9, firstReads: 9 }), ch("sms", { reads: 5 }), ch("in_app")], pins: { primary: "in_app" } }));
  assert.deepEqual(p.send, ["in_app"]);
  assert.equal(p.fallback, "email");
  assert.deepEqual(p.ranking.map((r) => [r.channel, r.rank, r.pinned]), [["in_app", 1, true], ["email", 2, false], ["sms", 3, false]]);
});

test("a pinned secondary takes slot 2 even if it ranks first; primary is the best of the rest", () => {
  const p = plan(input({ channels: [ch("email", { reads: 9, firstReads: 9 }), ch("sms", { reads: 5 }), ch("in_app")], pins: { secondary: "email" } }));
  assert.deepEqual(p.send, ["sms"]);
  assert.equal(p.fallback, "email");
});

test("both pins: exactly as pinned; the same channel pinned twice holds primary only", () => {
  const channels = [ch("email", { reads: 9 }), ch("sms", { reads: 5 }), ch("in_app")];
  const p = plan(input({ channels, pins: { primary: "in_app", secondary: "sms" } }));
  assert.deepEqual([p.send, p.fallback], [["in_app"], "sms"]);
  const q = plan(input({ channels, pins: { primary: "sms", secondary: "sms" } }));
  assert.deepEqual([q.send, q.fallback], [["sms"], "email"]);
});

test("equal scores go to the more recent read; never read counts as oldest; then the fixed order", () => {
  const p = plan(input({ channels: [ch("sms", { reads: 2, lastReadAt: 1000 }), ch("email", { reads: 2, lastReadAt: 2000 }), ch("in_app", { reads: 2 })] }));
  assert.deepEqual(p.ranking.map((r) => r.channel), ["email", "sms", "in_app"]);
  // All equal and unread: in_app, official_account, email, sms (cheapest first).
  const q = plan(input({ channels: [ch("sms"), ch("email"), ch("official_account"), ch("in_app")] }));
  assert.deepEqual(q.ranking.map((r) => r.channel), ["in_app", "official_account", "email", "sms"]);
  // Float weights do not split a real tie: 0.1·3 vs 0.3·1 (k1 = 0.1 reads, k2 = 0.3 first reads).
  const r = plan(input({ channels: [ch("sms", { reads: 3, lastReadAt: 5 }), ch("email", { firstReads: 1, lastReadAt: 9 })] }), { ...DEFAULT_CONFIG, k1: 0.1, k2: 0.3 });
  assert.deepEqual(r.send, ["email"]);
});

test("unreachable channels are skipped, whatever they learned; pins to them are ignored", () => {
  const channels = [ch("email", { reads: 50, firstReads: 50, reachable: false }), ch("sms", { reads: 1 }), ch("in_app")];
  const p = plan(input({ channels, pins: { primary: "email", secondary: "official_account" } }));
  assert.deepEqual(p.send, ["sms"]);
  assert.equal(p.fallback, "in_app");
  assert.deepEqual(p.ranking.map((r) => r.channel), ["sms", "in_app"]);
  assert.ok(p.ranking.every((r) => !r.pinned));
});

test("one reachable channel: it alone, no fallback", () => {
  const p = plan(input({ channels: [ch("email"), ch("sms", { reachable: false })] }));
  assert.deepEqual([p.send, p.fallback, p.fallbackAfterMs], [["email"], null, null]);
});

test("no reachable channel: nothing is sent, new or established", () => {
  for (const sent of [0, 50]) {
    const p = plan(input({ sent, channels: [ch("email", { reachable: false })], pins: { primary: "email" } }));
    assert.deepEqual([p.send, p.fallback, p.fallbackAfterMs, p.ranking], [[], null, null, []]);
  }
  assert.deepEqual(plan(input({ channels: [] })).send, []);
});

test("parseConfig: defaults, a partial override, a JSON string", () => {
  assert.deepEqual(parseConfig(null), { ok: true, config: DEFAULT_CONFIG });
  const r = parseConfig('{"k2": 3, "timeoutsMs": {"urgent": 120000}}');
  assert.ok(r.ok);
  assert.equal(r.config.k2, 3);
  assert.equal(r.config.k1, DEFAULT_CONFIG.k1);
  assert.equal(r.config.timeoutsMs.urgent, 120_000);
  assert.equal(r.config.timeoutsMs.low, DEFAULT_CONFIG.timeoutsMs.low);
});

test("parseConfig refuses out-of-bounds, mistyped and unknown fields with a reason", () => {
  const bad: unknown[] = [
    "{not json",
    42,
    [],
    { newUserThreshold: -1 },
    { newUserThreshold: 1.5 },
    { newUserThreshold: 1001 },
    { k1: -0.1 },
    { k2: 1e6 },
    { k1: "1" },
    { timeoutsMs: { urgent: 1000 } },
    { timeoutsMs: { low: 8 * 24 * 3_600_000 } },
    { timeoutsMs: { later: 60_000 } },
    { deadlinesMs: { urgent: 59_999 } },
    { deadlinesMs: { normal: 8 * 24 * 3_600_000 } },
    { deadlinesMs: { normal: "2h" } },
    { deadlinesMs: { soon: 60_000 } },
    { deadlinesMs: { high: 600_000 }, timeoutsMs: { high: 600_001 } },
    { newUserTreshold: 3 },
  ];
  for (const b of bad) {
    const r = parseConfig(b);
    assert.equal(r.ok, false, JSON.stringify(b));
    if (!r.ok) assert.ok(r.reason.length > 0);
  }
  const r = parseConfig({ k2: 1e6 });
  assert.ok(!r.ok && r.reason.startsWith("k2:"));
});

test("deadline and fallback timeout are two times: by default the fallback comes at FALLBACK_FRACTION of the deadline", () => {
  assert.ok(FALLBACK_FRACTION > 0 && FALLBACK_FRACTION < 1);
  assert.deepEqual(DEFAULT_CONFIG.deadlinesMs, { low: 12 * 3_600_000, normal: 2 * 3_600_000, high: 30 * 60_000, urgent: 5 * 60_000 });
  for (const imp of IMPORTANCES) {
    assert.equal(DEFAULT_CONFIG.timeoutsMs[imp], Math.round(FALLBACK_FRACTION * DEFAULT_CONFIG.deadlinesMs[imp]), imp);
    assert.ok(DEFAULT_CONFIG.timeoutsMs[imp] < DEFAULT_CONFIG.deadlinesMs[imp], imp);
  }
  // The plan's fallback is the timeout, not the deadline.
  const p = plan(input({ channels: [ch("email", { reads: 2 }), ch("sms", { reads: 1 })], importance: "urgent" }));
  assert.equal(p.fallbackAfterMs, DEFAULT_CONFIG.timeoutsMs.urgent);
  assert.notEqual(p.fallbackAfterMs, DEFAULT_CONFIG.deadlinesMs.urgent);
  // Whole seconds, never after the deadline, at least a second.
  assert.equal(fallbackTimeout(600_000, 0.25), 150_000);
  assert.equal(fallbackTimeout(61_000, 0.5), 31_000);
  assert.equal(fallbackTimeout(60_000, 2), 60_000);
  assert.equal(fallbackTimeout(60_000, 0), 1000);
});

test("parseConfig: a deadline alone derives its timeout; an old timeout alone keeps the deadline unless it is later", () => {
  const r = parseConfig({ deadlinesMs: { high: 3_600_000 } });
  assert.ok(r.ok);
  assert.equal(r.config.deadlinesMs.high, 3_600_000);
  assert.equal(r.config.timeoutsMs.high, fallbackTimeout(3_600_000));
  assert.equal(r.config.timeoutsMs.low, DEFAULT_CONFIG.timeoutsMs.low);
  // Written before deadlines existed: the timeout was the deadline too.
  const old = parseConfig({ timeoutsMs: { urgent: 120_000, normal: 4 * 3_600_000 } });
  assert.ok(old.ok);
  assert.deepEqual([old.config.timeoutsMs.urgent, old.config.deadlinesMs.urgent], [120_000, DEFAULT_CONFIG.deadlinesMs.urgent]);
  assert.deepEqual([old.config.timeoutsMs.normal, old.config.deadlinesMs.normal], [4 * 3_600_000, 4 * 3_600_000]);
  // Both: as given, the timeout equal to the deadline allowed.
  const both = parseConfig({ deadlinesMs: { low: 7_200_000 }, timeoutsMs: { low: 7_200_000 } });
  assert.ok(both.ok && both.config.timeoutsMs.low === 7_200_000 && both.config.deadlinesMs.low === 7_200_000);
  const late = parseConfig({ deadlinesMs: { high: 600_000 }, timeoutsMs: { high: 600_001 } });
  assert.ok(!late.ok && late.reason.startsWith("timeoutsMs.high"), JSON.stringify(late));
  for (const c of [r, old, both]) if (c.ok) for (const imp of IMPORTANCES) assert.ok(c.config.timeoutsMs[imp] <= c.config.deadlinesMs[imp], imp);
});

test("countsForLearning: a read within the importance's deadline counts, a later one does not", () => {
  assert.equal(countsForLearning(DEFAULT_CONFIG.deadlinesMs.normal, "normal"), true);
  assert.equal(countsForLearning(DEFAULT_CONFIG.deadlinesMs.normal + 1, "normal"), false);
  assert.equal(countsForLearning(DEFAULT_CONFIG.deadlinesMs.urgent + 1, "low"), true);
  const cfg = { ...DEFAULT_CONFIG, deadlinesMs: { ...DEFAULT_CONFIG.deadlinesMs, urgent: 60_000 } };
  assert.equal(countsForLearning(60_001, "urgent", cfg), false);
});
