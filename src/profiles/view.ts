// A customer's whole profile in a workspace, read from D1 once and shown to each staff member
// in their own terms (present.ts): fields, tags, linked staff ranked by closeness, timeline.
import { sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import type { Profile } from "../protocol/profiles.ts";
import { rankStaff, WINDOW_MS } from "./closeness.ts";
import { linkedStaff } from "./links.ts";
import { mergeFact } from "./merge.ts";
import { eventsAs, fieldsAs } from "./present.ts";
import { eventsWith, interactions, readProfile, tagsOf } from "./store.ts";

/** The profile read once; `as(viewer)` is what that staff member is shown. `staffIds` are the linked staff, closest first. */
export interface LoadedProfile {
  staffIds: number[];
  as(viewer: number): Profile;
}

/** Null when `customer` is not a customer of the workspace (no linked staff, or staff there, or no such person). */
export async function loadProfile(db: Db, workspace: number, customer: number, now: number): Promise<LoadedProfile | null> {
  const [user] = await db.all<{ handle: string; displayName: string }>(sql`select handle, display_name as displayName from users where id = ${customer} and is_bot = 0`);
  if (!user) return null;
  const staff = await linkedStaff(db, workspace, customer);
  if (staff.length === 0) return null;
  const ids = staff.map((s) => s.id);
  const [stored, tags, events, talk] = await Promise.all([
    readProfile(db, workspace, customer),
    tagsOf(db, workspace, customer),
    eventsWith(db, customer, ids),
    interactions(db, customer, ids, now - WINDOW_MS),
  ]);
  const ranked = rankStaff(
    staff.map((s) => ({ id: s.id, friend: s.friend, groupSizes: s.groupSizes, messages: talk.filter((m) => m.staff === s.id).map((m) => ({ at: m.at, fromCustomer: m.fromCustomer })) })),
    now,
  );
  const byId = new Map(staff.map((s) => [s.id, s]));
  // The account's display name fills `name` where neither the customer's words nor staff gave one.
  const fields = mergeFact(stored?.fields ?? {}, { source: "account", field: "name", value: user.displayName, at: 0 }).fields;
  const rankedStaff = ranked.map((r) => ({ id: r.id, handle: byId.get(r.id)!.handle, displayName: byId.get(r.id)!.displayName, closeness: r.closeness, rank: r.rank, signals: r.signals }));
  return {
    staffIds: ranked.map((r) => r.id),
    as: (viewer) => ({
      workspaceId: workspace,
      userId: customer,
      handle: user.handle,
      displayName: user.displayName,
      fields: fieldsAs(viewer, customer, fields),
      tags,
      staff: rankedStaff,
      events: eventsAs(viewer, events),
    }),
  };
}
