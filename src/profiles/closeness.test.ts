import { test } from "node:test";
import assert from "node:assert/strict";
import { DAY_MS, FRIEND, HALF_LIFE_MS, WINDOW_MS, rankStaff, score, signalsOf, type StaffLink } from "./closeness.ts";

const NOW = 1_700_000_000_000;
const link = (over: Partial<StaffLink> = {}): StaffLink => ({ id: 1, friend: false, groupSizes: [], messages: [], ...over });
const msgs = (spec: string, last = NOW - DAY_MS): StaffLink["messages"] =>
  // "s" a staff message, "c" a customer message; one minute apart, the last at `last`.
  [...spec].map((ch, i) => ({ at: last - (spec.length - 1 - i) * 60_000, fromCustomer: ch === "c" }));
const c = (l: StaffLink) => score(l, NOW).closeness;

test("nothing shared scores zero", () => {
  assert.equal(c(link()), 0);
});

test("friendship adds exactly FRIEND", () => {
  const base = link({ groupSizes: [5], messages: msgs("scs") });
  assert.equal(Math.round((c({ ...base, friend: true }) - c(base)) * 1000) / 1000, FRIEND);
});

test("a smaller shared group counts more than a larger one; each extra group adds", () => {
  assert.ok(c(link({ groupSizes: [3] })) > c(link({ groupSizes: [50] })));
  assert.ok(c(link({ groupSizes: [50] })) > c(link({ groupSizes: [500] })));
  assert.ok(c(link({ groupSizes: [50, 500] })) > c(link({ groupSizes: [50] })));
  assert.equal(signalsOf(link({ groupSizes: [3] }), NOW).groupWeight, 0.5);
});

test("more messages never lower the score, whichever side sends and wherever they fall", () => {
  const specs = ["", "s", "c", "sc", "ss", "cs", "scsc", "sssc", "ccss"];
  for (const spec of specs) {
    const base = msgs(spec);
    const before = c(link({ messages: base }));
    for (const fromCustomer of [true, false]) {
      for (const at of [NOW - 2 * DAY_MS, NOW - DAY_MS - 30_000, NOW - DAY_MS + 1, NOW - 20 * DAY_MS]) {
        const after = c(link({ messages: [...base, { at, fromCustomer }] }));
        assert.ok(after >= before, `${spec} + ${fromCustomer ? "c" : "s"}@${at}: ${after} < ${before}`);
      }
    }
  }
  assert.ok(c(link({ messages: msgs("scsc") })) > c(link({ messages: msgs("sc") })));
});

test("the same interaction counts less as it ages (exponential decay, halving every HALF_LIFE)", () => {
  const at = (age: number) => signalsOf(link({ messages: [{ at: NOW - age, fromCustomer: true }] }), NOW).recency;
  assert.equal(at(0), 1);
  assert.equal(at(HALF_LIFE_MS), 0.5);
  assert.equal(at(2 * HALF_LIFE_MS), 0.25);
  assert.ok(c(link({ messages: msgs("sc", NOW - DAY_MS) })) > c(link({ messages: msgs("sc", NOW - 10 * DAY_MS) })));
});

test("only the last 30 days count (both ends included); a future date counts as now", () => {
  const edge = signalsOf(link({ messages: [{ at: NOW - WINDOW_MS, fromCustomer: true }] }), NOW);
  assert.equal(edge.received, 1);
  const out = signalsOf(link({ messages: [{ at: NOW - WINDOW_MS - 1, fromCustomer: true }, { at: NOW - 40 * DAY_MS, fromCustomer: false }] }), NOW);
  assert.deepEqual([out.sent, out.received, out.lastMessageAt, out.recency], [0, 0, null, 0]);
  assert.equal(c(link({ messages: [{ at: NOW - 31 * DAY_MS, fromCustomer: true }] })), 0);
  assert.equal(signalsOf(link({ messages: [{ at: NOW + DAY_MS, fromCustomer: true }] }), NOW).recency, 1);
  assert.equal(c(link({ messages: [{ at: NOW + DAY_MS, fromCustomer: true }] })), c(link({ messages: [{ at: NOW, fromCustomer: true }] })));
});

test("replies count the staff turns the customer answered", () => {
  const s = signalsOf(link({ messages: msgs("sscsscs") }), NOW);
  assert.deepEqual([s.sent, s.received, s.replies, s.replyRate], [5, 2, 2, 0.6667]);
  const unanswered = signalsOf(link({ messages: msgs("cccs") }), NOW);
  assert.deepEqual([unanswered.replies, unanswered.replyRate], [0, 0]);
  // Same message counts each way: the conversation where the customer answers scores higher.
  assert.ok(c(link({ messages: msgs("scsc") })) > c(link({ messages: msgs("sscc") })));
});

test("ranking: closest first, ranks from 1, signals shown", () => {
  const ranked = rankStaff([
    link({ id: 1, groupSizes: [200] }),
    link({ id: 2, friend: true, messages: msgs("scsc") }),
    link({ id: 3, friend: true }),
  ], NOW);
  assert.deepEqual(ranked.map((r) => [r.id, r.rank]), [[2, 1], [3, 2], [1, 3]]);
  assert.equal(ranked[0]!.signals.friend, true);
  assert.equal(ranked[0]!.signals.received, 2);
  assert.equal(ranked[2]!.signals.sharedGroups, 1);
});

test("ties go to the more recent interaction, then to the lower id", () => {
  // Equal scores: identical links apart from id; a message outside the window adds nothing
  // to the score, but is not 'recent' either, so the id decides.
  const ranked = rankStaff([link({ id: 9, friend: true }), link({ id: 4, friend: true }), link({ id: 6, friend: true })], NOW);
  assert.deepEqual(ranked.map((r) => r.id), [4, 6, 9]);
  // Equal rounded scores but different last-message times: the more recent one first.
  const a = link({ id: 1, messages: [{ at: NOW - 3 * DAY_MS, fromCustomer: true }] });
  const b = link({ id: 2, messages: [{ at: NOW - 3 * DAY_MS + 1, fromCustomer: true }] });
  assert.equal(c(a), c(b));
  assert.deepEqual(rankStaff([a, b], NOW).map((r) => r.id), [2, 1]);
});
