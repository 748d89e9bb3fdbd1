// The chat index in D1: which chats a user is in, and group titles.
import { and, eq, inArray, sql } from "drizzle-orm";
import { chunks, inSlices, type Db } from "../platform/d1.ts";
import { chatMembers, groups } from "./schema.ts";

export async function chatKeysOf(db: Db, userId: number): Promise<string[]> {
  const rows = await db.select({ key: chatMembers.chatKey }).from(chatMembers).where(eq(chatMembers.userId, userId));
  return rows.map((r) => r.key);
}

export async function createGroupRow(db: Db, title: string, createdBy: number): Promise<number> {
  const [row] = await db.insert(groups).values({ title, createdBy }).returning({ id: groups.id });
  return row!.id;
}

export async function groupTitles(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = await inSlices(ids, (slice) => db.select({ id: groups.id, title: groups.title }).from(groups).where(inArray(groups.id, slice)));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** True when the two users are both members of some group. */
export async function shareGroup(db: Db, a: number, b: number): Promise<boolean> {
  const rows = await db
    .select({ key: chatMembers.chatKey })
    .from(chatMembers)
    .where(
      and(
        eq(chatMembers.userId, a),
        sql`${chatMembers.chatKey} like 'g:%'`,
        sql`exists (select 1 from ${chatMembers} o where o.chat_key = ${chatMembers.chatKey} and o.user_id = ${b})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Keeps the index in step with a chat's members, in slices D1 accepts, atomically. */
export async function indexMembers(db: Db, chatKey: string, add: number[], remove: number[]): Promise<void> {
  const statements = [
    ...chunks(add, 40).map((slice) => db.insert(chatMembers).values(slice.map((userId) => ({ chatKey, userId }))).onConflictDoNothing()),
    ...chunks(remove, 90).map((slice) => db.delete(chatMembers).where(and(eq(chatMembers.chatKey, chatKey), inArray(chatMembers.userId, slice)))),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** How many groups each of `ids` is in, by the index (users in none are left out). */
export async function groupCounts(db: Db, ids: number[]): Promise<Map<number, number>> {
  const rows = await inSlices(ids, (slice) =>
    db
      .select({ userId: chatMembers.userId, n: sql<number>`count(*)` })
      .from(chatMembers)
      .where(and(inArray(chatMembers.userId, slice), sql`${chatMembers.chatKey} like 'g:%'`))
      .groupBy(chatMembers.userId),
  );
  return new Map(rows.map((r) => [r.userId, r.n]));
}
