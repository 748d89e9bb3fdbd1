// Bot profiles in D1: the directory, and what the web app shows of a bot.
import { and, eq, or, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { bots } from "./schema.ts";
import { users } from "../accounts/schema.ts";

export async function createBotAccount(
  db: Db,
  ownerId: number,
  profile: { username: string; name: string; description: string; about: string; category: string },
): Promise<number | null> {
  const [user] = await db
    .insert(users)
    .values({ handle: profile.username, handleKey: profile.username.toLowerCase(), displayName: profile.name, passwordHash: "!", isBot: true })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!user) return null;
  await db.insert(bots).values({ id: user.id, ownerId, ...profile });
  return user.id;
}

/** Whether a bot with this id exists (bots are never deleted, so a yes stays true). */
export async function botExists(db: Db, id: number): Promise<boolean> {
  const rows = await db.select({ id: bots.id }).from(bots).where(eq(bots.id, id)).limit(1);
  return rows.length > 0;
}

export async function findBot(db: Db, username: string) {
  const rows = await db
    .select()
    .from(bots)
    .innerJoin(users, eq(users.id, bots.id))
    .where(eq(users.handleKey, username.toLowerCase()))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.bots, commands: JSON.parse(row.bots.commands) as { command: string; description: string }[] } : null;
}

/** LIKE with `\` escaping `%`, `_` and itself: SQLite has no escape character unless told, and usernames have `_`. */
function likeEscaped(column: AnyColumn, pattern: string) {
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** The directory: every bot, or those whose username, name, description, short description or category match `q`. */
export async function directory(db: Db, q: string | undefined, limit = 50) {
  const pattern = `%${(q ?? "").replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  const match = q
    ? or(...[bots.username, bots.name, bots.description, bots.about, bots.category].map((column) => likeEscaped(column, pattern)))
    : undefined;
  return db
    .select({ id: bots.id, username: bots.username, name: bots.name, description: bots.description, about: bots.about, category: bots.category })
    .from(bots)
    .where(match)
    .orderBy(bots.username)
    .limit(limit);
}

export async function botsOwnedBy(db: Db, ownerId: number) {
  return db.select().from(bots).where(eq(bots.ownerId, ownerId)).orderBy(bots.username);
}

export async function updateBotProfile(
  db: Db,
  id: number,
  change: Partial<{ name: string; description: string; about: string; category: string; avatar: string }>,
): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await db.update(bots).set(change).where(eq(bots.id, id));
  if (change.name) await db.update(users).set({ displayName: change.name }).where(and(eq(users.id, id), eq(users.isBot, true)));
}

/** A bot's default description and short description ("about"), and its avatar's R2 key. */
export async function botTextsOf(db: Db, id: number): Promise<{ description: string; about: string; avatar: string | null } | null> {
  const rows = await db.select({ description: bots.description, about: bots.about, avatar: bots.avatar }).from(bots).where(eq(bots.id, id)).limit(1);
  return rows[0] ?? null;
}
