import { test } from "node:test";
import assert from "node:assert/strict";
import { KnownSet } from "./known-set.ts";

test("remembers what was found, asks again for what was not, and stays bounded", async () => {
  const known = new KnownSet(2);
  let asked = 0;
  const lookup = (found: boolean) => async () => (asked++, found);
  assert.equal(await known.check("a", lookup(true)), true);
  assert.equal(await known.check("a", lookup(false)), true);
  assert.equal(asked, 1);
  assert.equal(await known.check("b", lookup(false)), false);
  assert.equal(await known.check("b", lookup(false)), false);
  assert.equal(asked, 3);
  known.add("c");
  known.add("d"); // full: starts afresh
  assert.equal(known.has("a"), false);
  assert.equal(known.has("d"), true);
});
