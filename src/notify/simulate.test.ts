import { test } from "node:test";
import assert from "node:assert/strict";
import { plan } from "./plan.ts";
import { parseUserLine, prng, simulate, type SimUser } from "./simulate.ts";

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

test("read statistics as the platform keeps them: every read counts, the first read of a notification once", () => {
  // Both always read; in-app within 10 s, e-mail after hours: in-app is always first.
  const users: SimUser[] = [{ id: "x", channels: { in_app: habit(1, 1), email: habit(1, 36_000) } }];
  const stats = simulate(users, { pushes: 50, seed: 2, strategies: ["all"] }).finalStats.all!.x!;
  const get = (ch: string) => stats.find((s) => s.channel === ch)!;
  assert.deepEqual([get("in_app").reads, get("in_app").firstReads], [50, 50]);
  assert.deepEqual([get("email").reads, get("email").firstReads], [50, 0]);
  assert.ok(get("email").lastReadAt! > get("in_app").lastReadAt!);
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
