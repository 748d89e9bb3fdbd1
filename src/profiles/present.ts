// A stored profile as one staff member sees it (ARCHITECTURE.md 4.2). Pure. Stored evidence
// and events name chats by actor key; each viewer gets the chat id they know it by: a group's
// id, or in their own private chat with the customer the customer's id. A private chat of the
// customer with a colleague is not the viewer's to open: its chatId is null and `staffId`
// names the colleague (the viewer can ask them, or open a chat with them from the ranking).
import { chatIdFor, parseChatKey } from "../chat/chat-ids.ts";
import type { FieldEvidence, FieldHistoryEntry, ProfileEvent, ProfileEventType, ProfileField } from "../protocol/profiles.ts";
import type { Entry, Evidence, Fields, FieldState } from "./merge.ts";

/** A timeline row as store.ts reads it. */
export interface EventRow {
  type: string;
  at: number;
  staff: number;
  chatKey: string | null;
  title: string | null;
}

/** Fields staff may edit, and the order a profile lists them in. */
export const FIELD_NAMES = ["name", "company", "position", "phone", "email", "address", "birthday", "interests", "budget", "organization", "note"] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** The viewer's chat id for an actor key, or null when the viewer is not in that private chat. */
export function chatIdAs(viewer: number, chatKey: string): number | null {
  const parsed = parseChatKey(chatKey);
  if (!parsed) return null;
  if (parsed.type === "group") return -parsed.groupId;
  return parsed.members.includes(viewer) ? chatIdFor(viewer, chatKey) : null;
}

function evidenceAs(viewer: number, e: Evidence, customer: number): FieldEvidence {
  const key = String(e.chatId);
  const out: FieldEvidence = { chatId: chatIdAs(viewer, key), messageId: Number(e.messageId), excerpt: e.excerpt };
  const parsed = parseChatKey(key);
  if (out.chatId === null && parsed?.type === "private") out.staffId = parsed.members.find((m) => m !== customer)!;
  return out;
}

function entryAs(viewer: number, customer: number, e: Entry): FieldHistoryEntry {
  const out: FieldHistoryEntry = { value: e.value, source: e.source, confidence: e.confidence, updatedAt: e.updatedAt };
  if (e.evidence) out.evidence = evidenceAs(viewer, e.evidence, customer);
  if (e.updatedBy !== undefined) out.updatedBy = e.updatedBy;
  return out;
}

function fieldAs(viewer: number, customer: number, f: FieldState): ProfileField {
  const out: ProfileField = { value: f.value, source: f.source, confidence: f.confidence, updatedAt: f.updatedAt, history: f.history.map((h) => entryAs(viewer, customer, h)) };
  if (f.evidence) out.evidence = evidenceAs(viewer, f.evidence, customer);
  if (f.updatedBy !== undefined) out.updatedBy = f.updatedBy;
  return out;
}

/** The fields as `viewer` sees them, known names first in FIELD_NAMES order. */
export function fieldsAs(viewer: number, customer: number, fields: Fields): Record<string, ProfileField> {
  const names = Object.keys(fields).sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));
  const out: Record<string, ProfileField> = {};
  for (const n of names) out[n] = fieldAs(viewer, customer, fields[n]!);
  return out;
}

function rankOf(name: string): number {
  const i = (FIELD_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? FIELD_NAMES.length : i;
}

export function eventsAs(viewer: number, events: EventRow[]): ProfileEvent[] {
  return events.map((e) => {
    const out: ProfileEvent = { type: e.type as ProfileEventType, at: e.at, staffId: e.staff };
    if (e.chatKey) {
      const chatId = chatIdAs(viewer, e.chatKey);
      if (chatId !== null) out.chatId = chatId;
    }
    if (e.title) out.title = e.title;
    return out;
  });
}
