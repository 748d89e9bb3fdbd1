import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_CONFIG, plan, timeoutsFor } from "./plan.ts";
import { parseUserLine, prng, simulate, type SimUser } from "./simulate.ts";
import { SWEEP_FRACTIONS, sweep } from "./simulate-sweep.ts";

const habit = (readProbability: number, medianReadDelayS = 60, reachable = true) => ({ reachable, readProbability, medianReadDelayS });
const emailOnly = (n: number): SimUser[] =>
  Array.from({ length: n }, (_, i) => ({ id: `u${i}`, channels: { in_app: habit(0), sms: habit(0), official_account: habit(0), email: habit(0.95, 120) } }));

test("the same seed gives the same results; another seed other results", () => {
  const users: SimUser[] = Array.from({ length: 30 }, (_, i) => ({ id: `u${i}`, channels: { in_app: habit(0.6, 300), sms: habit(0.5, 60), email: habit(0.4, 3600) } }));
  const a = simulate(users, { pushes: 40, seed: 7 }).results;
  assert.deepEqual(simulate(users, { pushes: 40, seed: 7 }).results, a);
  assert.notDeepEqual(simulate(users, { pushes: 40, seed: 8 }).results, a);
});

test("a population that reads only e-mail: learned converges to e-mail", () => {
  const sim = simulate(emailOnly(20), { pushes: 100, seed: 3 });
  for (const stats of Object.values(sim.finalStats.learned!)) {
    assert.deepEqual(plan({ sent: 100, channels: stats, pins: {}, importance: "normal" }).send, ["email"]);
    assert.equal(stats.find((s) => s.channel === "sms")!.reads, 0);
  }
  const byName = Object.fromEntries(sim.results.map((r) => [r.strategy, r]));
  // Every reachable channel 5 times, then e-mail (and a fallback only when it was not read in time).
  assert.ok(byName.learned!.sendsPerNotification < 1.3, JSON.stringify(byName.learned));
  assert.equal(byName.learned!.smsPerNotification, 0.05);
  assert.equal(byName.all!.sendsPerNotification, 4);
  assert.equal(byName.all!.duplicateReads, 0, "only e-mail is ever read");
  // Nothing is lost by learning here: the only channel read is the primary.
  assert.ok(Math.abs(byName.learned!.readWithinDeadline - byName.all!.readWithinDeadline) < 0.01);
});

test("read statistics as plan.ts says they are kept: every read in time counts, the first read of a notification once", () => {
  // Both always read; in-app within seconds, e-mail within a minute (inside every deadline).
  const users: SimUser[] = [{ id: "x", channels: { in_app: habit(1, 1), email: habit(1, 5) } }];
  const stats = simulate(users, { pushes: 50, seed: 2, strategies: ["all"] }).finalStats.all!.x!;
  const get = (ch: string) => stats.find((s) => s.channel === ch)!;
  assert.equal(get("in_app").reads, 50);
  assert.equal(get("email").reads, 50);
  assert.equal(get("in_app").firstReads + get("email").firstReads, 50);
  assert.ok(get("in_app").firstReads > 40, JSON.stringify(stats));
});

test("reads after the deadline are not learned from (unless learnFrom is every-read)", () => {
  // E-mail is read after about 10 days: later than every deadline (12 h at most).
  const users: SimUser[] = [{ id: "x", channels: { in_app: habit(1, 1), email: habit(1, 864_000) } }];
  const get = (learnFrom: "in-time" | "every-read") => simulate(users, { pushes: 50, seed: 2, strategies: ["all"], learnFrom }).finalStats.all!.x!.find((s) => s.channel === "email")!;
  assert.deepEqual([get("in-time").reads, get("in-time").firstReads, get("in-time").lastReadAt], [0, 0, null]);
  assert.equal(get("every-read").reads, 50);
});

test("the metric is the read deadline, and the fallback comes before it so that a read on the secondary can be in time", () => {
  // Two channels each read half the time within about a minute: a fallback read is in time only
  // when the fallback comes early enough (1/4 of the deadline), never when it waits the deadline.
  const world: SimUser[] = Array.from({ length: 20 }, (_, i) => ({ id: `u${i}`, channels: { in_app: habit(0.5, 30), sms: habit(0.5, 30) } }));
  const at = (fraction: number) => {
    const config = { ...DEFAULT_CONFIG, timeoutsMs: timeoutsFor(DEFAULT_CONFIG.deadlinesMs, fraction) };
    return Object.fromEntries(simulate(world, { pushes: 100, seed: 4, config, strategies: ["all", "learned"] }).results.map((r) => [r.strategy, r]));
  };
  const late = at(1);
  const early = at(0.25);
  assert.equal(late.all!.readWithinDeadline, early.all!.readWithinDeadline, "every channel at once: no fallback, the same");
  assert.ok(early.learned!.readWithinDeadline > late.learned!.readWithinDeadline + 0.1, JSON.stringify([early.learned, late.learned]));
  assert.ok(early.learned!.readWithinDeadline <= early.all!.readWithinDeadline);
});

test("sweep: one row per fraction and learning rule; an earlier fallback sends more", () => {
  const users: SimUser[] = Array.from({ length: 30 }, (_, i) => ({ id: `u${i}`, channels: { in_app: habit(0.6, 600), sms: habit(0.7, 60), email: habit(0.5, 3600) } }));
  const rows = sweep(users, { pushes: 60, seed: 1 });
  assert.equal(rows.length, SWEEP_FRACTIONS.length * 2);
  const inTime = rows.filter((r) => r.learnFrom === "in-time");
  for (let i = 1; i < inTime.length; i++) assert.ok(inTime[i]!.sendsPerNotification <= inTime[i - 1]!.sendsPerNotification, JSON.stringify(inTime));
  for (const r of rows) {
    assert.equal(r.gapPoints, Math.round((r.allReadWithinDeadline - r.learnedReadWithinDeadline) * 10_000) / 100);
    assert.equal(r.meetsTarget, r.gapPoints <= 2 && r.sendsPerNotification < 1.5);
  }
});

test("learned: far fewer sends and duplicate reads than every channel every time", () => {
  const users: SimUser[] = Array.from({ length: 50 }, (_, i) => ({ id: `u${i}`, channels: { in_app: habit(0.9, 120), sms: habit(0.5, 60), email: habit(0.4, 3600) } }));
  const r = Object.fromEntries(simulate(users, { pushes: 100, seed: 1 }).results.map((x) => [x.strategy, x]));
  assert.ok(r.learned!.sendsPerNotification < 1.5);
  assert.ok(r.learned!.duplicateReads < r.all!.duplicateReads / 4);
  assert.ok(r["learned-no-fallback"]!.sendsPerNotification <= r.learned!.sendsPerNotification);
  assert.equal(r["primary-only-oracle"]!.sendsPerNotification, 1);
});

test("unreachable channels are never sent, by any strategy", () => {
  const users: SimUser[] = [{ id: "x", channels: { in_app: habit(0.5), sms: habit(1, 60, false) } }];
  for (const r of simulate(users, { pushes: 20 }).results) assert.equal(r.smsPerNotification, 0, r.strategy);
});

test("parseUserLine: a valid line, and a clear reason for each kind of bad one", () => {
  const ok = parseUserLine('{"id":"a","channels":{"email":{"reachable":true,"readProbability":0.5,"medianReadDelayS":60}}}');
  assert.ok(ok.ok && ok.user.channels.email?.readProbability === 0.5);
  const cases: Array<[string, RegExp]> = [
    ["{", /not JSON/],
    ["[1]", /object/],
    ['{"channels":{}}', /id/],
    ['{"id":"a"}', /channels/],
    ['{"id":"a","channels":{"fax":{"reachable":true,"readProbability":0.5,"medianReadDelayS":60}}}', /unknown channel "fax"/],
    ['{"id":"a","channels":{"sms":{"reachable":"yes","readProbability":0.5,"medianReadDelayS":60}}}', /reachable/],
    ['{"id":"a","channels":{"sms":{"reachable":true,"readProbability":1.5,"medianReadDelayS":60}}}', /readProbability/],
    ['{"id":"a","channels":{"sms":{"reachable":true,"readProbability":0.5,"medianReadDelayS":0}}}', /medianReadDelayS/],
  ];
  for (const [line, reason] of cases) {
    const r = parseUserLine(line);
    assert.ok(!r.ok && reason.test(r.reason), `${line}: ${JSON.stringify(r)}`);
  }
});

test("prng is deterministic and in [0, 1)", () => {
  const a = prng(42);
  const b = prng(42);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
});
