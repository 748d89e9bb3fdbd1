// The chat index in D1: which chats a user is in, and group titles.
import { eq, inArray } from "drizzle-orm";
import { inSlices } from "./chunks.ts";
import type { Db } from "./db.ts";
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
