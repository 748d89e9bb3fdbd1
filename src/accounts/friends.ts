// Friendships in D1: a request is a directed link; friends have links both ways.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { inSlices } from "../platform/d1.ts";
import type { Db } from "../platform/d1.ts";
import { chatMembers } from "../chat/schema.ts";
import { friendLinks, users } from "./schema.ts";
import type { PublicUser } from "./queries.ts";

export type FriendStatus = "pending" | "accepted";

/** Adds the link me -> other; accepted when other had already asked. */
export async function request(db: Db, me: number, other: number): Promise<FriendStatus> {
  await db.insert(friendLinks).values({ fromId: me, toId: other }).onConflictDoNothing();
  return (await hasLink(db, other, me)) ? "accepted" : "pending";
}

export async function hasLink(db: Db, from: number, to: number): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(friendLinks)
    .where(and(eq(friendLinks.fromId, from), eq(friendLinks.toId, to)))
    .limit(1);
  return rows.length > 0;
}

export async function areFriends(db: Db, a: number, b: number): Promise<boolean> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(friendLinks)
    .where(or(and(eq(friendLinks.fromId, a), eq(friendLinks.toId, b)), and(eq(friendLinks.fromId, b), eq(friendLinks.toId, a))));
  return rows[0]?.n === 2;
}

/** Which of `ids` are friends of `me`. */
export async function friendsAmong(db: Db, me: number, ids: number[]): Promise<Set<number>> {
  const rows = await inSlices(ids, (slice) =>
    db
      .select({ id: friendLinks.toId })
      .from(friendLinks)
      .where(
        and(
          eq(friendLinks.fromId, me),
          inArray(friendLinks.toId, slice),
          sql`exists (select 1 from ${friendLinks} r where r.from_id = ${friendLinks.toId} and r.to_id = ${me})`,
        ),
      ),
  );
  return new Set(rows.map((r) => r.id));
}

export async function friendsOf(db: Db, me: number): Promise<PublicUser[]> {
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(friendLinks)
    .innerJoin(users, eq(users.id, friendLinks.toId))
    .where(
      and(
        eq(friendLinks.fromId, me),
        sql`exists (select 1 from ${friendLinks} r where r.from_id = ${friendLinks.toId} and r.to_id = ${me})`,
      ),
    )
    .orderBy(users.handle);
}

/** Requests waiting on me (incoming) and mine waiting on others (outgoing). */
export async function pendingOf(db: Db, me: number) {
  const [incoming, outgoing] = await Promise.all([unanswered(db, me, "incoming"), unanswered(db, me, "outgoing")]);
  return { incoming, outgoing };
}

/** Links with no link back: requests not yet accepted. */
function unanswered(db: Db, me: number, direction: "incoming" | "outgoing") {
  const mine = direction === "incoming" ? friendLinks.toId : friendLinks.fromId;
  const other = direction === "incoming" ? friendLinks.fromId : friendLinks.toId;
  const [backFrom, backTo] = direction === "incoming" ? [sql`${me}`, other] : [other, sql`${me}`];
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(friendLinks)
    .innerJoin(users, eq(users.id, other))
    .where(and(eq(mine, me), sql`not exists (select 1 from ${friendLinks} r where r.from_id = ${backFrom} and r.to_id = ${backTo})`));
}

export async function unfriend(db: Db, a: number, b: number): Promise<boolean> {
  const removed = await db
    .delete(friendLinks)
    .where(or(and(eq(friendLinks.fromId, a), eq(friendLinks.toId, b)), and(eq(friendLinks.fromId, b), eq(friendLinks.toId, a))))
    .returning({ fromId: friendLinks.fromId });
  return removed.length > 0;
}
