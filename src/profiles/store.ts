// Profiles, tags, timeline events, interactions and erasures in D1: the one way to reach the
// profile tables of schema.ts. A profile is written only over the version it was read at
// (`update`), so concurrent consumers and staff edits never overwrite each other.
import { sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { WINDOW_MS } from "./closeness.ts";
import type { Fields } from "./merge.ts";
import type { EventRow } from "./present.ts";

export interface StoredProfile {
  fields: Fields;
  version: number;
  updatedAt: number;
}

export async function readProfile(db: Db, workspace: number, customer: number): Promise<StoredProfile | null> {
  const rows = await db.all<{ fields: string; version: number; updatedAt: number }>(
    sql`select fields, version, updated_at as updatedAt from customer_profiles where workspace = ${workspace} and customer = ${customer}`,
  );
  const row = rows[0];
  return row ? { fields: JSON.parse(row.fields) as Fields, version: row.version, updatedAt: row.updatedAt } : null;
}

/**
 * Runs `change` on the profile (an empty one when none) and stores the result if it changed,
 * only over the version read; on a conflict it reads again and retries. Returns whether a
 * change was stored.
 */
export async function update(db: Db, workspace: number, customer: number, change: (fields: Fields) => { fields: Fields; changed: boolean }, now: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readProfile(db, workspace, customer);
    const next = change(current?.fields ?? {});
    if (!next.changed) return false;
    const json = JSON.stringify(next.fields);
    const rows = current
      ? await db.all(sql`update customer_profiles set fields = ${json}, version = version + 1, updated_at = ${now} where workspace = ${workspace} and customer = ${customer} and version = ${current.version} returning version`)
      : await db.all(sql`insert into customer_profiles (workspace, customer, fields, version, updated_at) values (${workspace}, ${customer}, ${json}, 1, ${now}) on conflict do nothing returning version`);
    if (rows.length > 0) return true;
  }
  throw new ProfileBusy(`profile ${workspace}/${customer} kept changing under the writer`);
}

/** `update` lost every attempt to concurrent writers: nothing was stored. */
export class ProfileBusy extends Error {}

export async function tagsOf(db: Db, workspace: number, customer: number): Promise<string[]> {
  const rows = await db.all<{ tag: string }>(sql`select tag from customer_tags where workspace = ${workspace} and customer = ${customer} order by tag`);
  return rows.map((r) => r.tag);
}

/**
 * Adds and removes tags within the bounds; false when a bound would be passed, and then nothing
 * is stored. The bounds are checked by each insert inside one D1 batch (a transaction), so
 * racing requests cannot pass them together: a request whose inserts did not all go in undoes
 * its own batch.
 */
export async function changeTags(db: Db, workspace: number, customer: number, by: number, add: string[], remove: string[], bounds: { perCustomer: number; perWorkspace: number }, now: number): Promise<boolean> {
  const d1 = db.$client;
  const held = new Set(await tagsOf(db, workspace, customer));
  const fresh = add.filter((t) => !held.has(t) || remove.includes(t));
  const removed = remove.filter((t) => held.has(t));
  const results = await d1.batch([
    ...remove.map((t) => d1.prepare("delete from customer_tags where workspace = ?1 and customer = ?2 and tag = ?3").bind(workspace, customer, t)),
    ...fresh.map((t) =>
      d1
        .prepare(
          `insert into customer_tags (workspace, customer, tag, added_by, added_at) select ?1, ?2, ?3, ?4, ?5
           where (select count(*) from customer_tags where workspace = ?1 and customer = ?2) < ?6
             and (exists (select 1 from customer_tags where workspace = ?1 and tag = ?3) or (select count(distinct tag) from customer_tags where workspace = ?1) < ?7)
           on conflict do nothing returning tag`,
        )
        .bind(workspace, customer, t, by, now, bounds.perCustomer, bounds.perWorkspace),
    ),
    d1.prepare("select 1"),
  ]);
  const inserted = results.slice(remove.length, remove.length + fresh.length).flatMap((r) => (r.results as { tag: string }[]).map((x) => x.tag));
  if (inserted.length === fresh.length) return true;
  // A bound refused some: undo this request (its inserts out, its removals back).
  await d1.batch([
    ...inserted.map((t) => d1.prepare("delete from customer_tags where workspace = ?1 and customer = ?2 and tag = ?3").bind(workspace, customer, t)),
    ...removed.map((t) => d1.prepare("insert into customer_tags (workspace, customer, tag, added_by, added_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing").bind(workspace, customer, t, by, now)),
    d1.prepare("select 1"),
  ]);
  return false;
}

/** The workspace's tag library: each tag with how many customers carry it, most used first. */
export async function tagLibrary(db: Db, workspace: number): Promise<{ tag: string; count: number }[]> {
  return db.all(sql`select tag, count(*) as count from customer_tags where workspace = ${workspace} group by tag order by count desc, tag limit 500`);
}



/** Keeps at most this many timeline events per customer and staff member (the oldest go). */
export const EVENTS_KEPT = 500;
/** A profile shows at most this many, newest first. */
export const EVENTS_SHOWN = 100;

/**
 * Records events, skipping one that repeats the latest event of the same type between the same
 * two within `collapseMs` (a customer reading message after message is one "read").
 */
export async function addEvents(db: Db, events: (EventRow & { customer: number })[], collapseMs: number): Promise<number> {
  let added = 0;
  for (const e of events) {
    const rows = await db.all(sql`
      insert into customer_events (customer, staff, type, chat_key, title, at)
      select ${e.customer}, ${e.staff}, ${e.type}, ${e.chatKey}, ${e.title}, ${e.at}
      where not exists (select 1 from customer_events where customer = ${e.customer} and staff = ${e.staff} and type = ${e.type}
        and coalesce(chat_key, '') = ${e.chatKey ?? ""} and at > ${e.at - collapseMs} and at <= ${e.at + collapseMs})
      returning id`);
    added += rows.length;
  }
  if (added) {
    // Per staff member: events with one (another workspace's, say) never crowd out the others'.
    for (const pair of new Set(events.map((e) => `${e.customer}/${e.staff}`))) {
      const [customer, staff] = pair.split("/").map(Number);
      await db.run(sql`delete from customer_events where customer = ${customer} and staff = ${staff} and id not in (select id from customer_events where customer = ${customer} and staff = ${staff} order by at desc, id desc limit ${EVENTS_KEPT})`);
    }
  }
  return added;
}

/** The customer's events with the given staff, newest first. */
export async function eventsWith(db: Db, customer: number, staff: number[]): Promise<EventRow[]> {
  if (staff.length === 0) return [];
  return db.all(sql`select type, at, staff, chat_key as chatKey, title from customer_events
    where customer = ${customer} and staff in (select value from json_each(${JSON.stringify(staff)}))
    order by at desc, id desc limit ${EVENTS_SHOWN}`);
}

/** Counts a private message between staff and customer; a repeat (same message) adds nothing (false). Old rows are pruned. */
export async function addInteraction(db: Db, customer: number, staff: number, message: number, fromCustomer: boolean, at: number): Promise<boolean> {
  const rows = await db.all(sql`insert into staff_interactions (customer, staff, message, from_customer, at) values (${customer}, ${staff}, ${message}, ${fromCustomer ? 1 : 0}, ${at}) on conflict do nothing returning message`);
  await db.run(sql`delete from staff_interactions where rowid in (select rowid from staff_interactions where at < ${at - WINDOW_MS} limit 100)`);
  return rows.length > 0;
}

/** The last message between the two before `message`, or null. */
export async function previousInteraction(db: Db, customer: number, staff: number, message: number): Promise<{ fromCustomer: boolean } | null> {
  const rows = await db.all<{ fromCustomer: number }>(sql`select from_customer as fromCustomer from staff_interactions where customer = ${customer} and staff = ${staff} and message < ${message} order by message desc limit 1`);
  return rows[0] ? { fromCustomer: rows[0].fromCustomer === 1 } : null;
}

export async function interactions(db: Db, customer: number, staff: number[], since: number): Promise<{ staff: number; at: number; fromCustomer: boolean }[]> {
  if (staff.length === 0) return [];
  const rows = await db.all<{ staff: number; at: number; fromCustomer: number }>(sql`select staff, at, from_customer as fromCustomer from staff_interactions
    where customer = ${customer} and at >= ${since} and staff in (select value from json_each(${JSON.stringify(staff)}))`);
  return rows.map((r) => ({ staff: r.staff, at: r.at, fromCustomer: r.fromCustomer === 1 }));
}

/** When the customer had the workspace erase their profile, or null. */
export async function erasedAt(db: Db, workspace: number, customer: number): Promise<number | null> {
  const rows = await db.all<{ at: number }>(sql`select at from profile_erasures where workspace = ${workspace} and customer = ${customer}`);
  return rows[0]?.at ?? null;
}

/** Whether the customer had any of `workspaces` erase their profile at or after `at` (a job from before must not rebuild it). */
export async function erasedSince(db: Db, workspaces: number[], customer: number, at: number): Promise<boolean> {
  const rows = await db.all(sql`select 1 from profile_erasures where customer = ${customer} and at >= ${at} and workspace in (select value from json_each(${JSON.stringify(workspaces)})) limit 1`);
  return rows.length > 0;
}

/** Erases the profile, its tags and its timeline with the workspace's staff in one batch, and remembers when, so old messages do not rebuild it. */
export async function erase(db: Db, workspace: number, customer: number, now: number): Promise<boolean> {
  const d1 = db.$client;
  const [profile, tags, events] = await d1.batch([
    d1.prepare("delete from customer_profiles where workspace = ?1 and customer = ?2").bind(workspace, customer),
    d1.prepare("delete from customer_tags where workspace = ?1 and customer = ?2").bind(workspace, customer),
    d1.prepare("delete from customer_events where customer = ?2 and staff in (select user from workspace_staff where workspace = ?1)").bind(workspace, customer),
    d1.prepare("insert into profile_erasures (workspace, customer, at) values (?1, ?2, ?3) on conflict do update set at = excluded.at").bind(workspace, customer, now),
  ]);
  return (profile?.meta.changes ?? 0) + (tags?.meta.changes ?? 0) + (events?.meta.changes ?? 0) > 0;
}
