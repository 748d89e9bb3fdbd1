import { test } from "node:test";
import assert from "node:assert/strict";
import { HISTORY_MAX, LIST_MAX, mergeFact, mergeFacts, withdraw, type Fields, type Incoming } from "./merge.ts";

const T = 1_700_000_000_000;
const ex = (field: string, value: string, confidence: number, at: number, messageId: number, chatId = 1): Incoming => ({
  source: "extracted", field, value, confidence, at, evidence: { chatId, messageId, excerpt: `… ${value} …` },
});
const staff = (field: string, value: string | string[] | null, at: number, staffId = 7): Incoming => ({ source: "staff", field, value, at, staffId });
const account = (field: string, value: string | null, at: number): Incoming => ({ source: "account", field, value, at });
const run = (...facts: Incoming[]) => mergeFacts({}, facts).fields;

test("an extracted fact fills an empty field with its evidence", () => {
  const { fields, changed } = mergeFact({}, ex("email", "a@x.com", 0.9, T, 10));
  assert.equal(changed, true);
  assert.deepEqual(fields.email, {
    value: "a@x.com", source: "extracted", confidence: 0.9, updatedAt: T,
    evidence: { chatId: 1, messageId: 10, excerpt: "… a@x.com …" }, history: [],
  });
});

test("a staff value is never overwritten by extraction, however sure or new", () => {
  const f = run(staff("company", "Acme", T));
  const r = mergeFact(f, ex("company", "Globex", 1, T + 1000, 11));
  assert.equal(r.changed, false);
  assert.equal(r.fields.company!.value, "Acme");
  assert.equal(r.fields.company!.source, "staff");
  assert.equal(r.fields.company!.updatedBy, 7);
});

test("a staff edit overrides an extracted value, which moves to history", () => {
  const f = run(ex("company", "Globex", 0.95, T, 11), staff("company", "Acme", T + 1));
  assert.equal(f.company!.value, "Acme");
  assert.equal(f.company!.history[0]!.value, "Globex");
});

test("a staff clear (null) stays cleared: extraction does not refill it", () => {
  const f = run(ex("phone", "+8613800000000", 0.9, T, 1), staff("phone", null, T + 1));
  assert.equal(f.phone!.value, null);
  assert.equal(f.phone!.source, "staff");
  const r = mergeFact(f, ex("phone", "+8613900000000", 0.99, T + 2, 2));
  assert.equal(r.changed, false);
  assert.equal(r.fields.phone!.value, null);
});

test("between extractions the surer fact wins, even when older", () => {
  const f = run(ex("name", "Li", 0.6, T + 100, 2), ex("name", "Li Wei", 0.9, T, 1));
  assert.equal(f.name!.value, "Li Wei");
  assert.equal(f.name!.history[0]!.value, "Li");
});

test("between extractions a newer fact wins when about as sure; a much less sure newer one loses to history", () => {
  const a = run(ex("phone", "+111", 0.95, T, 1), ex("phone", "+222", 0.9, T + 1, 2));
  assert.equal(a.phone!.value, "+222");
  assert.equal(a.phone!.history[0]!.value, "+111");
  const b = run(ex("phone", "+111", 0.95, T, 1), ex("phone", "+222", 0.5, T + 1, 2));
  assert.equal(b.phone!.value, "+111");
  assert.equal(b.phone!.history[0]!.value, "+222");
});

test("equal confidence and equal time: a later message of the same chat wins, else the current value stays", () => {
  const later = run(ex("position", "CTO", 0.8, T, 1), ex("position", "CEO", 0.8, T, 2));
  assert.equal(later.position!.value, "CEO");
  const earlier = run(ex("position", "CTO", 0.8, T, 2), ex("position", "CEO", 0.8, T, 1));
  assert.equal(earlier.position!.value, "CTO");
  const otherChat = run(ex("position", "CTO", 0.8, T, 1, 1), ex("position", "CEO", 0.8, T, 2, 2));
  assert.equal(otherChat.position!.value, "CTO");
});

test("the same fact from the same message again is a no-op (retries are safe)", () => {
  const once = run(ex("email", "a@x.com", 0.9, T, 10), ex("email", "b@x.com", 0.9, T + 5, 11));
  for (const again of [ex("email", "a@x.com", 0.9, T, 10), ex("email", "b@x.com", 0.9, T + 5, 11)]) {
    const r = mergeFact(once, again);
    assert.equal(r.changed, false);
    assert.equal(r.fields, once);
  }
  assert.equal(once.email!.value, "b@x.com");
  assert.equal(once.email!.history.length, 1);
});

test("history is bounded, newest first", () => {
  const facts = Array.from({ length: HISTORY_MAX + 5 }, (_, i) => ex("address", `street ${i}`, 0.8, T + i, i));
  const f = run(...facts);
  assert.equal(f.address!.value, `street ${HISTORY_MAX + 4}`);
  assert.equal(f.address!.history.length, HISTORY_MAX);
  assert.equal(f.address!.history[0]!.value, `street ${HISTORY_MAX + 3}`);
  assert.equal(f.address!.history.at(-1)!.value, "street 4");
});

test("account data fills a gap but never overwrites an extracted or staff value", () => {
  const a = run(account("name", "wei_l", T));
  assert.equal(a.name!.source, "account");
  const b = run(account("name", "wei_l", T), ex("name", "Li Wei", 0.5, T + 1, 1));
  assert.equal(b.name!.value, "Li Wei");
  const c = mergeFact(b, account("name", "wei_2", T + 2));
  assert.equal(c.changed, false);
  const d = mergeFact(run(staff("name", "Mr Li", T)), account("name", "wei_2", T + 2));
  assert.equal(d.changed, false);
  assert.equal(run(account("name", "a", T), account("name", "b", T + 1)).name!.value, "b");
  assert.equal(run(account("name", "a", T), account("name", null, T + 1)).name, undefined);
  assert.equal(mergeFact(b, account("name", null, T + 2)).changed, false);
});

test("withdraw removes the message's value and restores the best remaining one", () => {
  const f = run(ex("phone", "+111", 0.7, T, 1), ex("phone", "+222", 0.9, T + 1, 2), ex("phone", "+333", 0.8, T + 2, 3));
  assert.equal(f.phone!.value, "+333");
  const r = withdraw(f, 1, 3);
  assert.equal(r.changed, true);
  assert.equal(r.fields.phone!.value, "+222");
  assert.equal(r.fields.phone!.evidence!.messageId, 2);
  assert.deepEqual(r.fields.phone!.history.map((e) => e.value), ["+111"]);
});

test("withdraw matches chat and message; removes the field when nothing remains; leaves staff values", () => {
  const f = run(ex("email", "a@x.com", 0.9, T, 5, 1), staff("company", "Acme", T));
  assert.equal(withdraw(f, 2, 5).changed, false);
  const r = withdraw(f, 1, 5);
  assert.equal(r.fields.email, undefined);
  assert.equal(r.fields.company!.value, "Acme");
  const again = withdraw(r.fields, 1, 5);
  assert.equal(again.changed, false);
});

test("withdraw drops the message's losing facts from history too", () => {
  const f = run(ex("phone", "+111", 0.95, T, 1), ex("phone", "+222", 0.5, T + 1, 2));
  const r = withdraw(f, 1, 2);
  assert.equal(r.changed, true);
  assert.equal(r.fields.phone!.value, "+111");
  assert.equal(r.fields.phone!.history.length, 0);
});

test("the same value from another message survives the first message's deletion", () => {
  const f = run(ex("email", "a@x.com", 0.8, T, 1), ex("email", "a@x.com", 0.8, T + 1, 2));
  assert.equal(f.email!.evidence!.messageId, 2);
  const r = withdraw(f, 1, 2);
  assert.equal(r.fields.email!.value, "a@x.com");
  assert.equal(r.fields.email!.evidence!.messageId, 1);
});

test("interests is a list: extraction adds items, repeats are no-ops, withdrawal removes that message's items", () => {
  let f: Fields = run(ex("interests", "Golf", 0.7, T, 1), ex("interests", "tennis", 0.7, T + 1, 2));
  assert.deepEqual(f.interests!.value, ["golf", "tennis"]);
  const again = mergeFact(f, ex("interests", "golf", 0.7, T, 1));
  assert.equal(again.changed, false);
  f = withdraw(f, 1, 1).fields;
  assert.deepEqual(f.interests!.value, ["tennis"]);
  assert.equal(withdraw(f, 1, 2).fields.interests, undefined);
});

test("interests are bounded; a staff-set list is not extended by extraction", () => {
  const facts = Array.from({ length: LIST_MAX + 3 }, (_, i) => ex("interests", `hobby${i}`, 0.7, T + i, i));
  assert.equal((run(...facts).interests!.value as string[]).length, LIST_MAX);
  const s = run(ex("interests", "golf", 0.7, T, 1), staff("interests", ["chess", "chess", " go "], T + 1));
  assert.deepEqual(s.interests!.value, ["chess", "go"]);
  assert.equal(s.interests!.source, "staff");
  assert.equal(mergeFact(s, ex("interests", "tennis", 0.9, T + 2, 3)).changed, false);
  assert.deepEqual(run(staff("interests", null, T)).interests!.value, []);
});

test("merging never mutates its input", () => {
  const f = run(ex("name", "Li", 0.6, T, 1));
  const copy = structuredClone(f);
  mergeFact(f, ex("name", "Wang", 0.9, T + 1, 2));
  withdraw(f, 1, 1);
  assert.deepEqual(f, copy);
});
