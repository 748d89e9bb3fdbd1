import { test } from "node:test";
import assert from "node:assert/strict";
import { extractCardFacts } from "./card.ts";

const CARD = "Olivia Bennett\nHead of Partnerships\nNorthwind Analytics Ltd\n\nTel: +44 20 7946 0958\nEmail: olivia.bennett@northwind.example\n221 Baker Street, London";

test("a card's lines: its name, title and company, phone and email, none across a line break", () => {
  const facts = extractCardFacts(CARD, { now: new Date("2026-11-20T00:00:00Z") });
  const by = (t: string) => facts.filter((f) => f.type === t).map((f) => f.value ?? f.text);
  assert.deepEqual(by("name"), ["Olivia Bennett"]);
  assert.deepEqual(by("position"), ["Head of Partnerships"]);
  assert.deepEqual(by("company"), ["Northwind Analytics Ltd"]);
  assert.deepEqual(by("phone"), ["+442079460958"]);
  assert.deepEqual(by("email"), ["olivia.bennett@northwind.example"]);
  for (const f of facts) {
    assert.equal(CARD.slice(f.start, f.end), f.text);
    assert.ok(!f.text.includes("\n"), f.text);
  }
});

test("a name line is looked for near the top only, and only once", () => {
  const names = (text: string) => extractCardFacts(text).filter((f) => f.type === "name").map((f) => f.text);
  assert.deepEqual(names("Acme Trading Ltd\nJohn Smith\nMary Jones"), ["John Smith"]);
  assert.deepEqual(names("Acme Trading Ltd\nwww.acme.example\n+1 415 555 0134\nsales@acme.example\nJohn Smith"), []);
});

test("a title line needs a title word and no digits", () => {
  const facts = extractCardFacts("Jane Doe\nSenior Buyer\nRoom 12 Manager Street");
  assert.deepEqual(facts.filter((f) => f.type === "position").map((f) => f.text), ["Senior Buyer"]);
});
