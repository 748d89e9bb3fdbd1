// The chat index in D1: which chats a user is in, and group titles.
import { and, eq, inArray, sql } from "drizzle-orm";
import { chunks, inSlices, type Db } from "../platform/d1.ts";
import type { StoredMessage } from "../protocol/messages.ts";
import { chatHeads, chatMembers, groups } from "./schema.ts";

export async function chatKeysOf(db: Db, userId: number): Promise<string[]> {
  const rows = await db.select({ key: chatMembers.chatKey }).from(chatMembers).where(eq(chatMembers.userId, userId));
  return rows.map((r) => r.key);
}

/** Whether the index has `userId` in the chat `chatKey`. */
export async function inIndex(db: Db, userId: number, chatKey: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(chatMembers)
    .where(and(eq(chatMembers.userId, userId), eq(chatMembers.chatKey, chatKey)))
    .limit(1);
  return rows.length > 0;
}

export async function createGroupRow(db: Db, title: string, createdBy: number): Promise<number> {
  const [row] = await db.insert(groups).values({ title, createdBy }).returning({ id: groups.id });
  return row!.id;
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

/** Keeps the index in step with a chat's members, in slices D1 accepts, atomically. Newcomers have read up to `readId`. */
export async function indexMembers(db: Db, chatKey: string, add: number[], remove: number[], readId = 0): Promise<void> {
  const statements = [
    ...chunks(add, 30).map((slice) => db.insert(chatMembers).values(slice.map((userId) => ({ chatKey, userId, readId }))).onConflictDoNothing()),
    ...chunks(remove, 90).map((slice) => db.delete(chatMembers).where(and(eq(chatMembers.chatKey, chatKey), inArray(chatMembers.userId, slice)))),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/**
 * Writes a chat's head for the chat list: its last message (null: none left) at `lastId`,
 * and the read cursors that moved (a sender has read its own message). One batch.
 */
export async function writeHead(db: Db, chatKey: string, lastId: number, last: StoredMessage | null, cursors: Map<number, number> = new Map()): Promise<void> {
  const head = { lastId, lastMessage: last ? JSON.stringify(last) : null, updatedAt: Math.floor(Date.now() / 1000) };
  const moved = [...cursors].map(([userId, readId]) =>
    db
      .update(chatMembers)
      .set({ readId: sql`max(${chatMembers.readId}, ${readId})` })
      .where(and(eq(chatMembers.chatKey, chatKey), eq(chatMembers.userId, userId))),
  );
  // A head never moves back: a late write (an edit's, racing a newer batch's) loses.
  const upsert = db
    .insert(chatHeads)
    .values({ chatKey, ...head })
    .onConflictDoUpdate({ target: chatHeads.chatKey, set: head, setWhere: sql`excluded.last_id >= ${chatHeads.lastId}` });
  const [first = [], ...rest] = chunks(moved, 50);
  await db.batch([upsert, ...first]);
  for (const slice of rest) await db.batch([slice[0]!, ...slice.slice(1)]);
}

export async function writeReadCursor(db: Db, chatKey: string, userId: number, readId: number): Promise<void> {
  await db
    .update(chatMembers)
    .set({ readId: sql`max(${chatMembers.readId}, ${readId})` })
    .where(and(eq(chatMembers.chatKey, chatKey), eq(chatMembers.userId, userId)));
}

/** A user's chats with their heads, in one query: the chat list's cost does not grow with how many chat actors it would otherwise wake. */
export async function chatListOf(db: Db, userId: number) {
  const rows = await db
    .select({ chatKey: chatMembers.chatKey, readId: chatMembers.readId, lastId: chatHeads.lastId, lastMessage: chatHeads.lastMessage, groupTitle: groups.title })
    .from(chatMembers)
    .leftJoin(chatHeads, eq(chatHeads.chatKey, chatMembers.chatKey))
    // A group's key is `g:<id>`: its title comes by the groups' primary key, in the same query.
    .leftJoin(groups, sql`${chatMembers.chatKey} LIKE 'g:%' AND ${groups.id} = CAST(substr(${chatMembers.chatKey}, 3) AS INTEGER)`)
    .where(eq(chatMembers.userId, userId));
  return rows.map((r) => ({
    chatKey: r.chatKey,
    groupTitle: r.groupTitle,
    /** Null for a chat with no head yet (made before heads were kept): ask its actor. */
    head: r.lastId === null ? null : { unread: Math.max(0, r.lastId - r.readId), lastMessage: r.lastMessage ? (JSON.parse(r.lastMessage) as StoredMessage) : null },
  }));
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
