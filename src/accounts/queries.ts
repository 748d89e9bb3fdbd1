// Accounts and sessions in D1.
import { and, desc, eq, gt, inArray, ne } from "drizzle-orm";
import { inSlices } from "../platform/d1.ts";
import type { Db } from "../platform/d1.ts";
import { loginFailures, sessions, users } from "./schema.ts";
import type { FailureCount } from "./throttle.ts";
import type { Sender } from "../protocol/messages.ts";

export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export type PublicUser = Sender;

const publicColumns = { id: users.id, handle: users.handle, displayName: users.displayName };

/** Inserts a user; null when the handle is taken (in any letter case). */
export async function createUser(db: Db, handle: string, displayName: string, passwordHash: string): Promise<PublicUser | null> {
  const rows = await db
    .insert(users)
    .values({ handle, handleKey: handle.toLowerCase(), displayName, passwordHash })
    .onConflictDoNothing()
    .returning(publicColumns);
  return rows[0] ?? null;
}

export async function findByHandle(db: Db, handle: string) {
  const rows = await db.select().from(users).where(eq(users.handleKey, handle.toLowerCase())).limit(1);
  return rows[0] ?? null;
}

/** Users by id; bots carry `isBot: true`. */
export async function findUsers(db: Db, ids: number[]): Promise<PublicUser[]> {
  const rows = await inSlices(ids, (slice) => db.select({ ...publicColumns, isBot: users.isBot }).from(users).where(inArray(users.id, slice)));
  return rows.map(({ isBot, ...u }) => (isBot ? { ...u, isBot } : u));
}

export async function saveSession(db: Db, tokenHash: string, userId: number, userAgent: string): Promise<void> {
  const expiresAt = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
  await db.insert(sessions).values({ tokenHash, userId, expiresAt, userAgent: userAgent.slice(0, 200) });
}

/** The user of a live session, and when the session ends (Unix seconds). */
export async function sessionUser(db: Db, tokenHash: string): Promise<{ user: PublicUser; expiresAt: number } | null> {
  const now = Math.floor(Date.now() / 1000);
  const rows = await db
    .select({ ...publicColumns, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { expiresAt, ...user } = row;
  return { user, expiresAt };
}

/** A user's live sessions, newest first. */
export async function sessionsOf(db: Db, userId: number) {
  const now = Math.floor(Date.now() / 1000);
  return db
    .select({ tokenHash: sessions.tokenHash, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
}

/** Ends the given sessions of a user (only theirs); returns the hashes that ended. */
export async function endSessions(db: Db, userId: number, tokenHashes: string[]): Promise<string[]> {
  if (!tokenHashes.length) return [];
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), inArray(sessions.tokenHash, tokenHashes)))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.map((r) => r.tokenHash);
}

/** Ends every session of a user but `keep`; returns the hashes that ended. */
export async function endOtherSessions(db: Db, userId: number, keep: string | null): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)) : eq(sessions.userId, userId))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.map((r) => r.tokenHash);
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function failureCounts(db: Db, keys: string[]): Promise<Map<string, FailureCount>> {
  const rows = await db.select().from(loginFailures).where(inArray(loginFailures.key, keys));
  return new Map(rows.map(({ key, ...count }) => [key, count]));
}

export async function saveFailureCount(db: Db, key: string, count: FailureCount): Promise<void> {
  await db.insert(loginFailures).values({ key, ...count }).onConflictDoUpdate({ target: loginFailures.key, set: count });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
