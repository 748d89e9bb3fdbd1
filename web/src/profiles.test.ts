import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addableFields,
  cleanTag,
  closenessText,
  displayValue,
  eventText,
  evidenceTarget,
  fieldLabel,
  historyText,
  KNOWN_FIELDS,
  orderedFields,
  parseEdit,
  signalsText,
  sourceBadge,
  sourceTitle,
  toMs,
  VALUE_MAX,
} from "./profiles.ts";
import type { ProfileField, ProfileStaff } from "./types.ts";

const field = (value: ProfileField["value"], source: ProfileField["source"] = "extracted"): ProfileField => ({ value, source, confidence: 0.9, updatedAt: 1, history: [] });

const signals: ProfileStaff["signals"] = { friend: false, sharedGroups: 0, groupWeight: 0, sent: 0, received: 0, lastMessageAt: null, recency: 0, replies: 0, replyRate: 0 };
const staff: ProfileStaff[] = [
  { id: 1, handle: "alice", displayName: "Alice", closeness: 5.25, rank: 1, signals: { ...signals, friend: true } },
  { id: 3, handle: "carol", displayName: "Carol", closeness: 1, rank: 2, signals },
];

test("fields show known ones first in their order, then others by name; cleared and empty ones not at all", () => {
  const rows = orderedFields({
    zeta: field("z"),
    email: field("bob@example.com"),
    name: field("Bob"),
    alpha: field("a"),
    phone: field(null),
    interests: field([]),
    company: field("  "),
  });
  assert.deepEqual(rows.map(([n]) => n), ["name", "email", "alpha", "zeta"]);
});

test("add a field offers the known names not shown yet", () => {
  const offered = addableFields({ name: field("Bob"), phone: field(null) });
  assert.equal(offered.includes("name"), false);
  assert.equal(offered.includes("phone"), true);
  assert.equal(offered.length, KNOWN_FIELDS.length - 1);
});

test("an edit: empty clears, text is trimmed, interests split on either script's commas without repeats", () => {
  assert.deepEqual(parseEdit("company", "  Acme Corp "), { ok: true, value: "Acme Corp" });
  assert.deepEqual(parseEdit("company", "   "), { ok: true, value: null });
  assert.deepEqual(parseEdit("interests", "golf, sailing，golf;  chess、"), { ok: true, value: ["golf", "sailing", "chess"] });
  assert.deepEqual(parseEdit("interests", ""), { ok: true, value: null });
  assert.equal(parseEdit("note", "x".repeat(VALUE_MAX + 1)).ok, false);
  assert.equal(parseEdit("note", "x".repeat(VALUE_MAX)).ok, true);
  assert.equal(parseEdit("interests", Array.from({ length: 21 }, (_, i) => `i${i}`).join(",")).ok, false);
});

test("labels, values and badges", () => {
  assert.equal(fieldLabel("email"), "Email");
  assert.equal(fieldLabel("favourite_colour"), "Favourite colour");
  assert.equal(displayValue(["golf", "chess"]), "golf, chess");
  assert.equal(displayValue(null), "");
  assert.deepEqual(
    (["staff", "extracted", "account"] as const).map((s) => sourceBadge(s).text),
    ["staff", "extracted", "account"],
  );
});

test("the timeline reads as sentences about the customer, naming the colleague or you", () => {
  assert.equal(eventText({ type: "befriended", at: 1, staffId: 3 }, staff, 1), "befriended Carol");
  assert.equal(eventText({ type: "read", at: 1, staffId: 3 }, staff, 1), "read Carol's message");
  assert.equal(eventText({ type: "read", at: 1, staffId: 1 }, staff, 1), "read your message");
  assert.equal(eventText({ type: "replied", at: 1, staffId: 1 }, staff, 1), "replied to you");
  assert.equal(eventText({ type: "unfriended", at: 1, staffId: 9 }, staff, 1), "removed a former colleague as a friend");
  assert.equal(eventText({ type: "joined_group", at: 1, staffId: 3, title: "Buyers" }, staff, 1), "joined “Buyers” with Carol");
  assert.equal(eventText({ type: "left_group", at: 1, title: "Buyers" }, staff, 1), "left “Buyers”");
  assert.equal(eventText({ type: "blocked", at: 1, staffId: 3 }, staff, null), "blocked Carol");
  assert.equal(eventText({ type: "clicked_link", at: 1, staffId: 3 }, staff, null), "clicked a link from Carol");
});

test("signals in a few words; closeness to one decimal; times in seconds or milliseconds", () => {
  assert.equal(signalsText(signals), "no contact yet");
  assert.equal(
    signalsText({ ...signals, friend: true, sharedGroups: 1, sent: 4, received: 2, replies: 2, replyRate: 0.5 }),
    "friends · 1 shared group · 4 sent, 2 received in 30 days · answered 50% (2)",
  );
  assert.equal(closenessText(5.25), "5.3");
  assert.equal(closenessText(0), "0.0");
  assert.equal(toMs(1_700_000_000), 1_700_000_000_000);
  assert.equal(toMs(1_700_000_000_000), 1_700_000_000_000);
});

test("a tag as typed: trimmed, no leading #, bounded", () => {
  assert.equal(cleanTag("  #vip "), "vip");
  assert.equal(cleanTag("#"), null);
  assert.equal(cleanTag("x".repeat(33)), null);
});

test("a from-message link leads to the chat named, to my chat with the customer, or names the colleague's", () => {
  const ev = (chatId: number | null, staffId?: number) => ({ chatId, messageId: 5, excerpt: "x", ...(staffId ? { staffId } : {}) }) as never;
  assert.deepEqual(evidenceTarget(ev(-40), 2, 1), { kind: "chat", chatId: -40 });
  assert.deepEqual(evidenceTarget(ev(null, 1), 2, 1), { kind: "chat", chatId: 2 });
  assert.deepEqual(evidenceTarget(ev(null, 3), 2, 1), { kind: "colleague", staffId: 3 });
  assert.deepEqual(evidenceTarget(ev(null), 2, 1), { kind: "none" });
});

test("a badge's tooltip names who set a staff value and how sure an extraction is; earlier values read as lines", () => {
  assert.equal(sourceTitle({ source: "staff", confidence: 1, updatedBy: 3 }, staff, 1), "Set by Carol");
  assert.equal(sourceTitle({ source: "extracted", confidence: 0.876 }, staff, 1), "Found in the customer's messages (88% sure)");
  assert.equal(historyText({ value: "Acme", source: "extracted", confidence: 0.9, updatedAt: 1 }, staff, 1), "Acme · extracted");
  assert.equal(historyText({ value: null, source: "staff", confidence: 1, updatedAt: 1, updatedBy: 1 }, staff, 1), "cleared · set by you");
});
