// Per-user quotas: what each one counts, its default, and the counters in D1. A route spends
// from a quota before it stores anything; a spend that does not fit changes nothing and is
// answered 429 `quota_exceeded`, with Retry-After when the quota's window will turn over.
import { and, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Env } from "../env.ts";
import { open, type Db } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import { fits, limitFrom, windowAt, type Quota } from "../platform/quota.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import { quotaCounters } from "./schema.ts";

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

interface Policy {
  variable: keyof Env;
  fallback: number;
  windowSeconds: number | null;
  /** What the person is told, with the limit. */
  says: (limit: number) => string;
}

/** Every quota, its Worker variable and its default (the README's table says why each). */
const policies = {
  groupsCreated: { variable: "QUOTA_GROUPS_PER_DAY", fallback: 50, windowSeconds: DAY, says: (n) => `you can create at most ${n} groups a day` },
  botsOwned: { variable: "QUOTA_BOTS_PER_OWNER", fallback: 20, windowSeconds: null, says: (n) => `you can own at most ${n} bots` },
  friendRequests: { variable: "QUOTA_FRIEND_REQUESTS_PER_HOUR", fallback: 30, windowSeconds: HOUR, says: (n) => `you can send at most ${n} friend requests an hour` },
  messages: { variable: "QUOTA_MESSAGES_PER_MINUTE", fallback: 120, windowSeconds: MINUTE, says: (n) => `you can send at most ${n} messages a minute` },
  interactions: { variable: "QUOTA_INTERACTIONS_PER_MINUTE", fallback: 120, windowSeconds: MINUTE, says: (n) => `you can vote and react at most ${n} times a minute` },
  inlineQueries: { variable: "QUOTA_INLINE_QUERIES_PER_MINUTE", fallback: 120, windowSeconds: MINUTE, says: (n) => `you can ask bots inline at most ${n} times a minute` },
  uploadBytes: { variable: "QUOTA_UPLOAD_BYTES_PER_DAY", fallback: 1024 ** 3, windowSeconds: DAY, says: (n) => `you can upload at most ${mib(n)} MiB a day` },
  groupAdds: { variable: "QUOTA_GROUP_ADDS_PER_DAY", fallback: 20, windowSeconds: DAY, says: (n) => `a user can be added to at most ${n} groups a day by others` },
  signups: { variable: "QUOTA_SIGNUPS_PER_ADDRESS_PER_HOUR", fallback: 200, windowSeconds: HOUR, says: (n) => `at most ${n} accounts can be created an hour from one address` },
  contactCodes: { variable: "QUOTA_CONTACT_CODES_PER_HOUR", fallback: 10, windowSeconds: HOUR, says: (n) => `you can ask for at most ${n} contact codes an hour` },
} satisfies Record<string, Policy>;

export type QuotaName = keyof typeof policies;

/** Limits that are checked against stored state rather than counted (see `limitOf`). */
const standing = {
  groupsJoined: { variable: "QUOTA_GROUPS_PER_USER", fallback: 500 },
  sockets: { variable: "QUOTA_SOCKETS_PER_USER", fallback: 20 },
} satisfies Record<string, { variable: keyof Env; fallback: number }>;

function mib(bytes: number): string {
  return String(Math.round((bytes / 1024 ** 2) * 10) / 10);
}

export function quotaOf(env: Env, name: QuotaName): Quota {
  const p: Policy = policies[name];
  return { limit: limitFrom(env[p.variable] as string | undefined, p.fallback), windowSeconds: p.windowSeconds };
}

/** A limit that is not a counter: how many groups a user may be in, how many sockets he may hold. */
export function limitOf(env: Env, name: keyof typeof standing): number {
  const s = standing[name];
  return limitFrom(env[s.variable] as string | undefined, s.fallback);
}

export const userSubject = (userId: number) => `u:${userId}`;
export const addressSubject = (address: string) => `addr:${address}`;

export type Spend = { subject: string; quota: QuotaName; amount?: number };
type Exceeded = Result<null, "quota_exceeded">;

/**
 * Adds `amount` to the subject's count in the current window, in one statement: a count
 * from an older window is replaced, and the update happens only when the total fits, so
 * concurrent spends cannot pass the limit together.
 */
async function spendOne(db: Db, env: Env, s: Spend, now: number): Promise<Exceeded> {
  const q = quotaOf(env, s.quota);
  const amount = s.amount ?? 1;
  const w = windowAt(q, now);
  if (!fits(q, 0, amount)) return refuse("quota_exceeded", { detail: policies[s.quota].says(q.limit) });
  const c = quotaCounters;
  const usedNow = sql`(CASE WHEN ${c.windowStart} = excluded.window_start THEN ${c.count} ELSE 0 END)`;
  const rows = await db
    .insert(c)
    .values({ subject: s.subject, quota: s.quota, windowStart: w.start, count: amount })
    .onConflictDoUpdate({
      target: [c.subject, c.quota],
      set: { count: sql`${usedNow} + excluded.count`, windowStart: sql`excluded.window_start` },
      setWhere: sql`${usedNow} + excluded.count <= ${q.limit}`,
    })
    .returning({ count: c.count });
  if (rows.length) return ok(null);
  return refuse("quota_exceeded", { detail: policies[s.quota].says(q.limit), ...(w.resetsIn !== null ? { retryAfter: w.resetsIn } : {}) });
}

/** Gives back a spend whose act did not happen after all (refused later, or a duplicate). */
async function refundOne(db: Db, env: Env, s: Spend, now: number): Promise<void> {
  const w = windowAt(quotaOf(env, s.quota), now);
  const c = quotaCounters;
  await db
    .update(c)
    .set({ count: sql`max(0, ${c.count} - ${s.amount ?? 1})` })
    .where(and(eq(c.subject, s.subject), eq(c.quota, s.quota), eq(c.windowStart, w.start)));
}

/** Spends all or none: when one does not fit, those already made are given back. */
export async function spendAll(env: Env, spends: Spend[]): Promise<Exceeded> {
  const db = open(env.DB);
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < spends.length; i++) {
    const r = await spendOne(db, env, spends[i]!, now);
    if (!r.ok) {
      await Promise.all(spends.slice(0, i).map((s) => refundOne(db, env, s, now)));
      return r;
    }
  }
  return ok(null);
}

export async function refund(env: Env, spends: Spend[]): Promise<void> {
  const db = open(env.DB);
  const now = Math.floor(Date.now() / 1000);
  await Promise.all(spends.map((s) => refundOne(db, env, s, now)));
}

/** The client API's answer to a quota that does not fit: 429, and Retry-After where a window applies. */
export function quotaExceeded(c: Context, r: { detail?: string; retryAfter?: number }): HttpError {
  if (r.retryAfter !== undefined) c.header("Retry-After", String(r.retryAfter));
  const wait = r.retryAfter !== undefined ? `; try again in ${r.retryAfter} s` : "";
  return new HttpError(429, "quota_exceeded", `${r.detail ?? "quota exceeded"}${wait}`);
}

/** The one check a route makes before it stores anything: spends, or throws the 429. */
export async function spendOrRefuse<E extends { Bindings: Env }>(c: Context<E>, spends: Spend[]): Promise<void> {
  const r = await spendAll(c.env, spends);
  if (!r.ok) throw quotaExceeded(c, r);
}

