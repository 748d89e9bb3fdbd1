// Accounts and sessions in D1.
import { and, eq, gt, inArray } from "drizzle-orm";
import { inSlices } from "../platform/d1.ts";
import type { Db } from "../platform/d1.ts";
import { sessions, users } from "./schema.ts";
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

export async function saveSession(db: Db, tokenHash: string, userId: number): Promise<void> {
  const expiresAt = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
}

export async function sessionUser(db: Db, tokenHash: string): Promise<PublicUser | null> {
  const now = Math.floor(Date.now() / 1000);
  const rows = await db
    .select(publicColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return rows[0] ?? null;
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
