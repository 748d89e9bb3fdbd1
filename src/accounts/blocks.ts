// Users blocking users, in D1: a block is known both to friend requests (here) and to the
// private chat's routes, so it lives where both can read it. Bots are blocked in their
// private chat instead (ChatActor.setBlocked), where the bot's updates are decided.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { userBlocks } from "./schema.ts";

export async function block(db: Db, blocker: number, blocked: number): Promise<void> {
  await db.insert(userBlocks).values({ blockerId: blocker, blockedId: blocked }).onConflictDoNothing();
}

export async function unblock(db: Db, blocker: number, blocked: number): Promise<void> {
  await db.delete(userBlocks).where(and(eq(userBlocks.blockerId, blocker), eq(userBlocks.blockedId, blocked)));
}

/** True when `blocker` has blocked `userId`. */
export async function hasBlocked(db: Db, blocker: number, userId: number): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(userBlocks)
    .where(and(eq(userBlocks.blockerId, blocker), eq(userBlocks.blockedId, userId)))
    .limit(1);
  return rows.length > 0;
}
