// Contact points in D1: the one way to reach notify/schema.ts's `contacts`. One row per user
// per channel. `code_expires` is in milliseconds. Writes that a concurrent request could undo
// are conditional on the code they were decided on, so two tabs cannot confirm a replaced code.
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { MAX_ATTEMPTS, type PendingContact } from "./contacts.ts";
import { contacts, type ContactChannel } from "./schema.ts";

export interface ContactView {
  channel: ContactChannel;
  address: string;
  verified: boolean;
}

export type ContactRow = ContactView & PendingContact;

const view = { channel: contacts.channel, address: contacts.address, verified: contacts.verified };
const whole = { ...view, codeHash: contacts.codeHash, codeExpires: contacts.codeExpires, attempts: contacts.attempts };
const mine = (user: number, channel: ContactChannel) => and(eq(contacts.user, user), eq(contacts.channel, channel));

export async function contactsOf(db: Db, user: number): Promise<ContactView[]> {
  return db.select(view).from(contacts).where(eq(contacts.user, user)).orderBy(asc(contacts.channel));
}

/** The confirmed addresses of a user, by channel: the only ones notifications go to. */
export async function contactOf(db: Db, user: number, channel: ContactChannel): Promise<ContactRow | null> {
  const [row] = await db.select(whole).from(contacts).where(mine(user, channel));
  return row ?? null;
}

/** Adds the contact or replaces its address, unconfirmed, with a fresh code and no attempts. */
export async function putPendingContact(db: Db, user: number, channel: ContactChannel, address: string, hash: string, expires: number): Promise<void> {
  const pending = { address, verified: false, codeHash: hash, codeExpires: expires, attempts: 0 };
  await db
    .insert(contacts)
    .values({ user, channel, ...pending })
    .onConflictDoUpdate({ target: [contacts.user, contacts.channel], set: pending });
}

/** The code that was never delivered is void: nothing can confirm the contact until it is added again. */
export async function voidCode(db: Db, user: number, channel: ContactChannel, hash: string): Promise<void> {
  await db
    .update(contacts)
    .set({ codeHash: null, codeExpires: null })
    .where(and(mine(user, channel), eq(contacts.codeHash, hash)));
}

/**
 * Counts one attempt at the code `hash`, only while fewer than MAX_ATTEMPTS were made: counted
 * before the comparison, so parallel guesses cannot share one allowance. False when it was not
 * counted (the code changed or ran out meanwhile).
 */
export async function countAttempt(db: Db, user: number, channel: ContactChannel, hash: string): Promise<boolean> {
  const rows = await db
    .update(contacts)
    .set({ attempts: sql`${contacts.attempts} + 1` })
    .where(and(mine(user, channel), eq(contacts.codeHash, hash), lt(contacts.attempts, MAX_ATTEMPTS)))
    .returning({ attempts: contacts.attempts });
  return rows.length > 0;
}

/** Confirms the contact if its code is still `hash`; the code is spent. */
export async function confirmContact(db: Db, user: number, channel: ContactChannel, hash: string): Promise<ContactView | null> {
  const [row] = await db
    .update(contacts)
    .set({ verified: true, codeHash: null, codeExpires: null, attempts: 0 })
    .where(and(mine(user, channel), eq(contacts.codeHash, hash)))
    .returning(view);
  return row ?? null;
}

export async function removeContact(db: Db, user: number, channel: ContactChannel): Promise<boolean> {
  const rows = await db.delete(contacts).where(mine(user, channel)).returning({ channel: contacts.channel });
  return rows.length > 0;
}
