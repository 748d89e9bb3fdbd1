// How a customer profile reads in the web app: field names and order, source badges, what a
// staff edit sends, the timeline's sentences and the ranking's signals. Pure (no DOM, no
// clock), tested in profiles.test.ts; the components only lay these strings out.
import type { FieldEvidence, FieldHistoryEntry, FieldSource, ProfileEvent, ProfileField, ProfileStaff } from "./types.ts";

/** The fields staff can add by name, in the order the panel shows them. */
export const KNOWN_FIELDS = ["name", "company", "position", "phone", "email", "address", "birthday", "interests", "budget", "organization", "note"] as const;

/** Fields whose value is a list (the server takes and gives an array of strings). */
export const LIST_FIELDS: ReadonlySet<string> = new Set(["interests"]);

/** Bounds of one edit, checked before it goes out (the server checks again). */
export const VALUE_MAX = 500;
export const LIST_MAX = 20;
export const TAG_MAX = 32;

const labels: Record<string, string> = {
  name: "Name",
  company: "Company",
  position: "Position",
  phone: "Phone",
  email: "Email",
  address: "Address",
  birthday: "Birthday",
  interests: "Interests",
  budget: "Budget",
  organization: "Organization",
  note: "Note",
};

/** A field's label: the known ones by name, any other with its first letter raised and `_` as spaces. */
export function fieldLabel(name: string): string {
  const known = labels[name];
  if (known) return known;
  const spaced = name.replace(/_/g, " ").trim();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : name;
}

/** A source badge: its short text and what it means, for the tooltip and screen readers. */
export function sourceBadge(source: FieldSource): { text: string; title: string } {
  switch (source) {
    case "staff":
      return { text: "staff", title: "Set by staff" };
    case "extracted":
      return { text: "extracted", title: "Found in the customer's messages" };
    case "account":
      return { text: "account", title: "From the customer's account" };
  }
}

/** A value as one line: a list joined by commas; nothing for a cleared field. */
export function displayValue(value: ProfileField["value"]): string {
  if (value === null) return "";
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Whether a field holds something worth a row (a cleared field or an empty list does not). */
export function hasValue(field: ProfileField | undefined): boolean {
  if (!field || field.value === null) return false;
  return Array.isArray(field.value) ? field.value.length > 0 : field.value.trim() !== "";
}

/** The fields to show, known ones first in their order, then the rest by name. */
export function orderedFields(fields: Record<string, ProfileField>): [string, ProfileField][] {
  const rank = (name: string) => {
    const i = (KNOWN_FIELDS as readonly string[]).indexOf(name);
    return i < 0 ? KNOWN_FIELDS.length : i;
  };
  return Object.entries(fields)
    .filter(([, f]) => hasValue(f))
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Known fields not shown yet: what "Add a field" offers. */
export function addableFields(fields: Record<string, ProfileField>): string[] {
  return KNOWN_FIELDS.filter((name) => !hasValue(fields[name]));
}

export type Edit = { ok: true; value: string | string[] | null } | { ok: false; error: string };

/**
 * What a staff edit of `name` typed as `text` sends: empty clears (null); a list field is
 * split on commas (either script's) and semicolons, trimmed, without repeats.
 */
export function parseEdit(name: string, text: string): Edit {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  if (LIST_FIELDS.has(name)) {
    const items = [...new Set(trimmed.split(/[,，;；、]/).map((s) => s.trim()).filter((s) => s !== ""))];
    if (items.length > LIST_MAX) return { ok: false, error: `At most ${LIST_MAX} items` };
    if (items.some((s) => s.length > VALUE_MAX)) return { ok: false, error: `Each item is at most ${VALUE_MAX} characters` };
    return { ok: true, value: items };
  }
  if (trimmed.length > VALUE_MAX) return { ok: false, error: `At most ${VALUE_MAX} characters` };
  return { ok: true, value: trimmed };
}

/** A tag as typed: trimmed, without a leading #; null when empty or too long. */
export function cleanTag(text: string): string | null {
  const t = text.trim().replace(/^#+/, "").trim();
  return t && [...t].length <= TAG_MAX ? t : null;
}

/** Milliseconds since the epoch from a time the server sent in seconds or milliseconds. */
export function toMs(t: number): number {
  return t < 1e11 ? t * 1000 : t;
}

/** A staff member named in the timeline: "you", their display name, or a colleague no longer linked. */
export function staffName(id: number | undefined, staff: readonly ProfileStaff[], meId: number | null): string {
  if (id === undefined) return "staff";
  if (id === meId) return "you";
  return staff.find((s) => s.id === id)?.displayName ?? "a former colleague";
}

/** One step of the timeline as a sentence about the customer ("befriended Bob"). */
export function eventText(e: ProfileEvent, staff: readonly ProfileStaff[], meId: number | null): string {
  const who = staffName(e.staffId, staff, meId);
  const possessive = who === "you" ? "your" : `${who}'s`;
  const group = e.title ? `“${e.title}”` : "a group";
  switch (e.type) {
    case "befriended":
      return `befriended ${who}`;
    case "unfriended":
      return `removed ${who} as a friend`;
    case "blocked":
      return `blocked ${who}`;
    case "unblocked":
      return `unblocked ${who}`;
    case "read":
      return `read ${possessive} message`;
    case "replied":
      return `replied to ${who}`;
    case "joined_group":
      return e.staffId === undefined ? `joined ${group}` : `joined ${group} with ${who}`;
    case "left_group":
      return e.staffId === undefined ? `left ${group}` : `left ${group} with ${who}`;
    case "clicked_link":
      return `clicked a link from ${who}`;
    default:
      return String((e as { type: unknown }).type).replace(/_/g, " ");
  }
}

/** What a colleague's closeness was made of, in a few words (the ranking's small line). */
export function signalsText(s: ProfileStaff["signals"]): string {
  const parts: string[] = [];
  if (s.friend) parts.push("friends");
  if (s.sharedGroups > 0) parts.push(`${s.sharedGroups} shared group${s.sharedGroups === 1 ? "" : "s"}`);
  if (s.sent + s.received > 0) parts.push(`${s.sent} sent, ${s.received} received in 30 days`);
  if (s.replies > 0) parts.push(`answered ${Math.round(s.replyRate * 100)}% (${s.replies})`);
  return parts.length ? parts.join(" · ") : "no contact yet";
}

/** A closeness score for display: one decimal. */
export function closenessText(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** The tooltip of a "from message" link: the words the value was found in. */
export function evidenceTitle(e: FieldEvidence): string {
  return e.excerpt ? `From the message: “${e.excerpt}”` : "From a message";
}

export type EvidenceTarget = { kind: "chat"; chatId: number } | { kind: "colleague"; staffId: number } | { kind: "none" };

/**
 * Where a "from message" link leads. A chat id names a chat as I see it; a private chat of the
 * customer with a colleague comes without one (`staffId` names the colleague): mine is the
 * chat with the customer (its id is theirs), a colleague's I cannot open.
 */
export function evidenceTarget(e: FieldEvidence, customerId: number, meId: number | null): EvidenceTarget {
  const chatId = e.chatId as number | null | undefined;
  const staffId = (e as { staffId?: number }).staffId;
  if (chatId !== null && chatId !== undefined) return { kind: "chat", chatId };
  if (staffId !== undefined && staffId === meId) return { kind: "chat", chatId: customerId };
  if (staffId !== undefined) return { kind: "colleague", staffId };
  return { kind: "none" };
}

/** A badge's tooltip: who set a staff value, how sure an extraction is. */
export function sourceTitle(f: Pick<FieldHistoryEntry, "source" | "confidence" | "updatedBy">, staff: readonly ProfileStaff[], meId: number | null): string {
  if (f.source === "staff" && f.updatedBy !== undefined) return `Set by ${staffName(f.updatedBy, staff, meId)}`;
  if (f.source === "extracted") return `${sourceBadge("extracted").title} (${Math.round(f.confidence * 100)}% sure)`;
  return sourceBadge(f.source).title;
}

/** An earlier value as one line: what it was and where it came from. */
export function historyText(h: FieldHistoryEntry, staff: readonly ProfileStaff[], meId: number | null): string {
  const what = h.value === null || h.value === "" ? "cleared" : h.value;
  const from = h.source === "staff" ? (h.updatedBy !== undefined ? `set by ${staffName(h.updatedBy, staff, meId)}` : "set by staff") : h.source === "extracted" ? "extracted" : "from the account";
  return `${what} · ${from}`;
}
