// How close each linked staff member is to a customer (issue 9 point 6; the `staff` shape of
// ARCHITECTURE.md 4.2). Pure: `now` is given. Tested in closeness.test.ts.
//
// closeness = FRIEND · [friends]
//           + GROUP · Σ over shared groups 1 / log2(size + 1)       (a 3-member group 0.5,
//                                                                     a 255-member group 0.125)
//           + MESSAGES · (log2(1 + sent) + log2(1 + received))       (messages in the window)
//           + RECENCY · 2^(−age / HALF_LIFE)                         (age of the last message
//                                                                     in the window; 0 if none)
//           + REPLIES · log2(1 + replies)
//
// - The window is the WINDOW_MS (30 days) up to `now`, both ends included; older messages
//   count for nothing. A message dated after `now` (clock skew) counts with age 0.
// - `sent` are the staff member's messages to the customer, `received` the customer's to
//   them (in their private chat or groups they share, as the caller counts them).
// - `replies` counts the staff member's turns (a run of their messages with no customer
//   message between) that the customer answered (a customer message follows). Its rate
//   (replies / turns) is shown in the signals; the score uses the count so that no extra
//   message can ever lower a score: every term is non-decreasing in messages, friendship and
//   groups.
// - Logarithms give diminishing returns, so a chatty colleague does not drown friendship.
// - Ranking: closest first; equal scores (after rounding to 4 decimals) go to the more recent
//   last message (none counts as oldest), then to the lower id. Ranks start at 1.

import type { ProfileStaff } from "../protocol/profiles.ts";

export const FRIEND = 3;
export const GROUP = 1;
export const MESSAGES = 1;
export const RECENCY = 2;
export const REPLIES = 1.5;
export const DAY_MS = 86_400_000;
export const WINDOW_MS = 30 * DAY_MS;
export const HALF_LIFE_MS = 7 * DAY_MS;

export interface StaffLink {
  id: number;
  friend: boolean;
  /** Member counts of the groups the customer and this staff member share. */
  groupSizes: number[];
  /** Messages between the two: `fromCustomer` true for the customer's, false for the staff member's. */
  messages: { at: number; fromCustomer: boolean }[];
}

/** What a score is made of, as a profile's `staff` shows it (protocol/profiles.ts). */
export type Signals = ProfileStaff["signals"];

export interface Ranked {
  id: number;
  closeness: number;
  rank: number;
  signals: Signals;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** A group's weight: smaller groups count more (a group has at least 2 members). */
export function groupWeight(size: number): number {
  return 1 / Math.log2(Math.max(2, size) + 1);
}

/** 1 for a message now, halving every HALF_LIFE_MS; 0 without one. */
export function recencyOf(last: number | null, now: number): number {
  return last === null ? 0 : Math.pow(2, -Math.max(0, now - last) / HALF_LIFE_MS);
}

export function signalsOf(link: StaffLink, now: number): Signals {
  const inWindow = link.messages.filter((m) => m.at >= now - WINDOW_MS).sort((a, b) => a.at - b.at);
  let sent = 0, received = 0, turns = 0, replies = 0;
  let open = false; // a staff turn not yet answered
  let prevStaff = false;
  for (const m of inWindow) {
    if (m.fromCustomer) {
      received++;
      if (open) replies++;
      open = false;
      prevStaff = false;
    } else {
      sent++;
      if (!prevStaff) {
        turns++;
        open = true;
      }
      prevStaff = true;
    }
  }
  const last = inWindow.length ? inWindow[inWindow.length - 1]!.at : null;
  const recency = recencyOf(last, now);
  return {
    friend: link.friend,
    sharedGroups: link.groupSizes.length,
    groupWeight: round(link.groupSizes.reduce((s, n) => s + groupWeight(n), 0)),
    sent,
    received,
    lastMessageAt: last,
    recency: round(recency),
    replies,
    replyRate: turns ? round(replies / turns) : 0,
  };
}

export function score(link: StaffLink, now: number): { closeness: number; signals: Signals } {
  const s = signalsOf(link, now);
  const exact =
    (s.friend ? FRIEND : 0) +
    GROUP * link.groupSizes.reduce((sum, n) => sum + groupWeight(n), 0) +
    MESSAGES * (Math.log2(1 + s.sent) + Math.log2(1 + s.received)) +
    RECENCY * recencyOf(s.lastMessageAt, now) +
    REPLIES * Math.log2(1 + s.replies);
  return { closeness: round(exact), signals: s };
}

/** Every linked staff member, closest first, with rank and signals. */
export function rankStaff(links: StaffLink[], now: number): Ranked[] {
  return links
    .map((l) => ({ id: l.id, ...score(l, now) }))
    .sort((a, b) => b.closeness - a.closeness || (b.signals.lastMessageAt ?? -Infinity) - (a.signals.lastMessageAt ?? -Infinity) || a.id - b.id)
    .map((r, i) => ({ id: r.id, closeness: r.closeness, rank: i + 1, signals: r.signals }));
}
