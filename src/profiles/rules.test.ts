import { test } from "node:test";
import assert from "node:assert/strict";
import { canRemoveStaff, cleanName, decide } from "./rules.ts";

test("non-staff never learn a workspace exists", () => {
  for (const act of ["view", "list_staff", "list_customers", "add_staff", "remove_staff"] as const) {
    assert.equal(decide(null, act), "hidden");
  }
});

test("every role views; only owners and admins manage staff", () => {
  assert.equal(decide("staff", "view"), "allow");
  assert.equal(decide("staff", "list_customers"), "allow");
  assert.equal(decide("staff", "list_staff"), "allow");
  assert.equal(decide("staff", "add_staff"), "forbidden");
  assert.equal(decide("staff", "remove_staff"), "forbidden");
  assert.equal(decide("admin", "add_staff"), "allow");
  assert.equal(decide("owner", "add_staff"), "allow");
  assert.equal(decide("admin", "remove_staff"), "allow");
});

test("the owner stays; the owner removes anyone else; admins remove staff only", () => {
  assert.equal(canRemoveStaff("owner", "owner"), false);
  assert.equal(canRemoveStaff("admin", "owner"), false);
  assert.equal(canRemoveStaff("owner", "admin"), true);
  assert.equal(canRemoveStaff("owner", "staff"), true);
  assert.equal(canRemoveStaff("admin", "staff"), true);
  assert.equal(canRemoveStaff("admin", "admin"), false);
  assert.equal(canRemoveStaff("staff", "staff"), false);
});

test("names are trimmed and 1 to 64 characters", () => {
  assert.equal(cleanName("  Acme  "), "Acme");
  assert.equal(cleanName("   "), null);
  assert.equal(cleanName("x".repeat(64)), "x".repeat(64));
  assert.equal(cleanName("x".repeat(65)), null);
  assert.equal(cleanName("客".repeat(64)), "客".repeat(64));
});
