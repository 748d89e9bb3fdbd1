import { test } from "node:test";
import assert from "node:assert/strict";
import type { StoredMessage } from "../protocol/messages.ts";
import { copyOf, forwardOf, idsProblem, relayable } from "./forwarding.ts";

const alice = { id: 1000001, handle: "alice", displayName: "Alice" };
const bob = { id: 1000002, handle: "bob", displayName: "Bob" };
const media = { kind: "image" as const, fileId: "f", mime: "image/png", size: 3, name: "a.png" };
const bold = [{ type: "bold" as const, offset: 0, length: 2 }];

test("a forward names the first sender, the date and the group it came from", () => {
  const m: StoredMessage = { id: 5, from: alice, date: 100, text: "hi there", entities: bold };
  assert.deepEqual(forwardOf(m, { type: "group", title: "Tea" }), { text: "hi there", entities: bold, forwardOrigin: { from: alice, date: 100, chatTitle: "Tea" } });
  assert.deepEqual(forwardOf(m, { type: "private", title: "Alice" }).forwardOrigin, { from: alice, date: 100 });
});

test("a forward of a forward keeps the first origin", () => {
  const m: StoredMessage = { id: 6, from: bob, date: 200, text: "hi", forwardOrigin: { from: alice, date: 100 } };
  assert.deepEqual(forwardOf(m, { type: "group", title: "Tea" }).forwardOrigin, { from: alice, date: 100 });
});

test("a copy carries no origin; a file's caption may be replaced or removed, a text stays", () => {
  const text: StoredMessage = { id: 1, from: alice, date: 1, text: "plain", forwardOrigin: { from: bob, date: 0 } };
  assert.deepEqual(copyOf(text, { text: "other" }), { text: "plain" });
  const photo: StoredMessage = { id: 2, from: alice, date: 1, text: "cap", entities: bold, media };
  assert.deepEqual(copyOf(photo), { text: "cap", entities: bold, media });
  assert.deepEqual(copyOf(photo, { text: "new" }), { text: "new", media });
  assert.deepEqual(copyOf(photo, "remove"), { text: "", media });
  const place: StoredMessage = { id: 3, from: alice, date: 1, text: "", location: { latitude: 1, longitude: 2 } };
  assert.deepEqual(copyOf(place), { text: "", location: { latitude: 1, longitude: 2 } });
});

test("only messages with content are relayed", () => {
  assert.equal(relayable({ id: 1, from: alice, date: 1, text: "" }), false);
  assert.equal(relayable({ id: 1, from: alice, date: 1, text: "", contact: { phoneNumber: "+1", firstName: "A" } }), true);
});

test("message ids: 1 to 100, strictly increasing", () => {
  assert.equal(idsProblem([1, 2, 5]), null);
  assert.equal(idsProblem([]), "message identifiers are not specified");
  assert.equal(idsProblem([2, 2]), "message identifiers must be in strictly increasing order");
  assert.equal(idsProblem([3, 1]), "message identifiers must be in strictly increasing order");
  assert.equal(idsProblem(Array.from({ length: 101 }, (_, i) => i + 1)), "too many message identifiers specified");
});
