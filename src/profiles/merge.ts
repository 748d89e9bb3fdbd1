// Merging facts into a customer profile (issue 9 point 4; the `fields` shape of
// ARCHITECTURE.md 4.2). Pure: no I/O, no clock (every fact carries its own time). Tested in
// merge.test.ts.
//
// The rules, as decided:
// - Sources rank staff > extracted > account. A higher-ranked current value is never replaced
//   by a lower-ranked fact: a staff value (a cleared one included) is never overwritten by
//   extraction or account data; a value the customer stated in chat is not overwritten by
//   account data, which only fills gaps or replaces earlier account data (null removes it).
// - Staff edits always win (the latest edit is the value). `null` clears a field: the field
//   stays, with value null and source staff, so extraction does not refill it.
// - Between extractions (see `wins`): a surer fact wins (higher confidence), whatever its
//   time; a newer fact wins unless it is more than CONFIDENCE_MARGIN less sure; otherwise the
//   current value stays. Messages carry whole seconds, so at equal time a later message of
//   the same chat counts as newer (its id is larger); otherwise equal time and equal
//   confidence: the current value stays.
// - The value that loses (the replaced one, or an incoming fact that did not win) goes into
//   `history`, newest first, at most HISTORY_MAX entries (the oldest are dropped).
// - Idempotent: a fact whose (field, chatId, messageId, value) is already held (current or
//   history) is a no-op, so a retried queue job changes nothing.
// - `withdraw` removes every value whose evidence is the deleted message; when the current
//   value goes, the remaining history is replayed oldest first through the same rules and the
//   winner becomes the value; with nothing left, the field is removed.
// - Multi-valued: `interests` (LIST_FIELDS) is a list: value is string[], each item kept in
//   `items` with its own evidence; extraction adds an item (at most LIST_MAX, the least sure
//   then oldest dropped), the same item again keeps the surer/newer evidence; withdrawal
//   removes that message's items. A staff edit sets the whole list (and extraction then leaves
//   it alone). Phone and email are single values: the current best contact, earlier ones in
//   history.

export type Source = "staff" | "extracted" | "account";

export interface Evidence {
  chatId: string | number;
  messageId: string | number;
  excerpt: string;
}

/** One value a field held, holds or could hold. `updatedAt` is milliseconds since the epoch. */
export interface Entry {
  value: string | null;
  source: Source;
  confidence: number;
  updatedAt: number;
  evidence?: Evidence;
  updatedBy?: number;
}

export interface FieldState {
  value: string | string[] | null;
  source: Source;
  confidence: number;
  updatedAt: number;
  evidence?: Evidence;
  updatedBy?: number;
  /** Earlier or losing values, newest first, at most HISTORY_MAX. */
  history: Entry[];
  /** List fields only: one entry per value. */
  items?: Entry[];
}

export type Fields = Record<string, FieldState>;

export type Incoming =
  | { source: "extracted"; field: string; value: string; confidence: number; at: number; evidence: Evidence }
  | { source: "staff"; field: string; value: string | string[] | null; at: number; staffId: number }
  | { source: "account"; field: string; value: string | null; at: number };

export const HISTORY_MAX = 20;
export const LIST_MAX = 20;
/** A newer extraction wins when at most this much less sure than the current value. */
export const CONFIDENCE_MARGIN = 0.1;
export const LIST_FIELDS: ReadonlySet<string> = new Set(["interests"]);

const RANK: Record<Source, number> = { account: 0, extracted: 1, staff: 2 };

/** Whether `incoming` should replace `current` (both single entries), by the rules above. */
export function wins(incoming: Entry, current: Entry): boolean {
  if (RANK[incoming.source] !== RANK[current.source]) return RANK[incoming.source] > RANK[current.source];
  if (incoming.source !== "extracted") return incoming.updatedAt >= current.updatedAt;
  if (incoming.confidence > current.confidence) return true;
  const newer = incoming.updatedAt > current.updatedAt || (incoming.updatedAt === current.updatedAt && laterMessage(incoming.evidence, current.evidence));
  return newer && incoming.confidence >= current.confidence - CONFIDENCE_MARGIN;
}

/** Whether `a` is a later message than `b` of the same chat (message ids grow with time). */
function laterMessage(a: Evidence | undefined, b: Evidence | undefined): boolean {
  return a !== undefined && b !== undefined && a.chatId === b.chatId && Number(a.messageId) > Number(b.messageId);
}

function sameEvidence(a: Evidence | undefined, chatId: Evidence["chatId"], messageId: Evidence["messageId"]): boolean {
  return a !== undefined && a.chatId === chatId && a.messageId === messageId;
}

function sameFact(e: Entry, x: Entry): boolean {
  return x.evidence !== undefined && sameEvidence(e.evidence, x.evidence.chatId, x.evidence.messageId) && e.value === x.value;
}

function bounded(history: Entry[]): Entry[] {
  return [...history].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, HISTORY_MAX);
}

function entryOf(f: FieldState): Entry {
  const e: Entry = { value: Array.isArray(f.value) ? f.value.join(", ") : f.value, source: f.source, confidence: f.confidence, updatedAt: f.updatedAt };
  if (f.evidence) e.evidence = f.evidence;
  if (f.updatedBy !== undefined) e.updatedBy = f.updatedBy;
  return e;
}

function stateOf(e: Entry, history: Entry[]): FieldState {
  return { ...e, history: bounded(history) };
}

function toEntry(fact: Incoming, value: string | null): Entry {
  const e: Entry = { value, source: fact.source, confidence: fact.source === "extracted" ? fact.confidence : 1, updatedAt: fact.at };
  if (fact.source === "extracted") e.evidence = fact.evidence;
  if (fact.source === "staff") e.updatedBy = fact.staffId;
  return e;
}

/** A list field's state from its items (the field-level source/time/evidence are its latest item's). */
function listState(items: Entry[], history: Entry[]): FieldState | null {
  if (items.length === 0) return null;
  const latest = items.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  const state: FieldState = {
    value: items.map((i) => i.value ?? "").filter((v) => v !== ""),
    source: latest.source,
    confidence: Math.max(...items.map((i) => i.confidence)),
    updatedAt: latest.updatedAt,
    history: bounded(history),
    items,
  };
  if (latest.evidence) state.evidence = latest.evidence;
  if (latest.updatedBy !== undefined) state.updatedBy = latest.updatedBy;
  return state;
}

function mergeList(current: FieldState | undefined, fact: Incoming): FieldState | null | undefined {
  const history = current?.history ?? [];
  if (fact.source === "staff" || fact.source === "account") {
    if (current && fact.source === "account" && RANK[current.source] > RANK.account) return undefined;
    const values = fact.value === null ? [] : Array.isArray(fact.value) ? fact.value : [fact.value];
    const items = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))].slice(0, LIST_MAX).map((v) => toEntry(fact, v));
    const replaced = current?.items ?? [];
    const next = listState(items, [...replaced, ...history]);
    if (next) return next;
    // A staff clear keeps an empty staff list so extraction does not refill it.
    return fact.source === "staff" ? { value: [], source: "staff", confidence: 1, updatedAt: fact.at, updatedBy: fact.staffId, history: bounded([...replaced, ...history]), items: [] } : null;
  }
  if (current && current.source === "staff") return undefined;
  const value = fact.value.trim().toLowerCase();
  const incoming = toEntry(fact, value);
  const items = current?.items ?? [];
  if (items.some((i) => sameFact(i, incoming))) return undefined;
  const at = items.findIndex((i) => i.value === value);
  if (at >= 0) {
    if (!wins(incoming, items[at]!)) return undefined;
    const next = [...items];
    next[at] = incoming;
    return listState(next, [items[at]!, ...history]);
  }
  let next = [...items, incoming];
  if (next.length > LIST_MAX) {
    const drop = [...next].sort((a, b) => a.confidence - b.confidence || a.updatedAt - b.updatedAt)[0]!;
    next = next.filter((i) => i !== drop);
    if (drop === incoming) return undefined;
  }
  return listState(next, history);
}

function mergeSingle(current: FieldState | undefined, fact: Incoming): FieldState | null | undefined {
  const joined = Array.isArray(fact.value) ? fact.value.join(", ") : fact.value;
  const value = joined === null || joined.trim() === "" ? null : joined.trim();
  // Account data withdrawn (null) removes an account value; it touches nothing else.
  if (value === null && fact.source === "account") return current && current.source === "account" ? null : undefined;
  const incoming = toEntry(fact, value);
  if (!current) return stateOf(incoming, []);
  const held = entryOf(current);
  if (fact.source === "extracted" && [held, ...current.history].some((e) => sameFact(e, incoming))) return undefined;
  if (wins(incoming, held)) return stateOf(incoming, [held, ...current.history]);
  // A losing extraction is kept only where it could matter later: beside an extracted value,
  // which a withdrawal may remove (a staff value is never withdrawn nor outranked by it).
  if (fact.source === "extracted" && current.source === "extracted") return { ...current, history: bounded([incoming, ...current.history]) };
  return undefined;
}

/** The winner of the entries replayed oldest first through `wins`; null when none. */
function replay(entries: Entry[]): FieldState | null {
  const ordered = [...entries].sort((a, b) => a.updatedAt - b.updatedAt);
  let best: Entry | null = null;
  const rest: Entry[] = [];
  for (const e of ordered) {
    if (best === null) best = e;
    else if (wins(e, best)) {
      rest.push(best);
      best = e;
    } else rest.push(e);
  }
  return best ? stateOf(best, rest) : null;
}

/**
 * The fields after one incoming fact, and whether anything changed. The input is not
 * modified. An empty or whitespace-only extracted value is ignored.
 */
export function mergeFact(fields: Fields, fact: Incoming): { fields: Fields; changed: boolean } {
  if (fact.source === "extracted" && fact.value.trim() === "") return { fields, changed: false };
  const current = fields[fact.field];
  const next = LIST_FIELDS.has(fact.field) ? mergeList(current, fact) : mergeSingle(current, fact);
  if (next === undefined) return { fields, changed: false };
  const out = { ...fields };
  if (next === null) {
    if (!current) return { fields, changed: false };
    delete out[fact.field];
  } else out[fact.field] = next;
  return { fields: out, changed: true };
}

/** Merges several facts in order. */
export function mergeFacts(fields: Fields, facts: Incoming[]): { fields: Fields; changed: boolean } {
  let changed = false;
  for (const f of facts) {
    const r = mergeFact(fields, f);
    fields = r.fields;
    changed ||= r.changed;
  }
  return { fields, changed };
}

/**
 * Withdraws a deleted message's facts: every value (current, history, list item) whose
 * evidence is (chatId, messageId) goes; a field whose current value went takes the winner
 * of its remaining history (replayed oldest first), or is removed when none remains.
 */
export function withdraw(fields: Fields, chatId: Evidence["chatId"], messageId: Evidence["messageId"]): { fields: Fields; changed: boolean } {
  const out: Fields = {};
  let changed = false;
  for (const [name, state] of Object.entries(fields)) {
    const keep = (e: Entry) => !sameEvidence(e.evidence, chatId, messageId);
    const history = state.history.filter(keep);
    if (state.items) {
      const items = state.items.filter(keep);
      if (items.length === state.items.length && history.length === state.history.length) {
        out[name] = state;
        continue;
      }
      changed = true;
      const next = state.source === "staff" && items.length === 0 ? { ...state, history } : listState(items, history);
      if (next) out[name] = next;
      continue;
    }
    if (!sameEvidence(state.evidence, chatId, messageId)) {
      if (history.length !== state.history.length) changed = true;
      out[name] = history.length === state.history.length ? state : { ...state, history };
      continue;
    }
    changed = true;
    const next = replay(history);
    if (next) out[name] = next;
  }
  return { fields: changed ? out : fields, changed };
}
