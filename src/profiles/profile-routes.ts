// Customer profiles (ARCHITECTURE.md 4.2): a staff member reads a customer's profile, edits
// its fields, tags the customer, browses the workspace's tag library; a customer sees which
// workspaces keep a profile on them and has one erased. Staff routes go through guard.ts's
// admit; every change is announced to the linked staff's sockets (notify.ts).
import { Hono, type Context } from "hono";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import { open, type Db } from "../platform/d1.ts";
import { failure } from "../platform/errors.ts";
import { body, parse, positiveId } from "../platform/validate.ts";
import type { HeldProfile } from "../protocol/profiles.ts";
import { admit } from "./guard.ts";
import { workspacesOfCustomer } from "./links.ts";
import { mergeFacts, type Fields, type Incoming } from "./merge.ts";
import { announce } from "./notify.ts";
import { FIELD_NAMES, fieldsAs } from "./present.ts";
import { cleanTag, FIELD_VALUE_MAX, TAG_MAX, TAGS_PER_CUSTOMER, TAGS_PER_WORKSPACE } from "./rules.ts";
import { changeTags, erase, ProfileBusy, tagLibrary, tagsOf, update } from "./store.ts";
import { loadProfile } from "./view.ts";

const value = z.string().max(FIELD_VALUE_MAX, `must be at most ${FIELD_VALUE_MAX} characters`);
const fieldValue = z.union([value, z.array(z.string().max(TAG_MAX * 2)).max(20, "at most 20 items"), z.null()]);
const patchBody = z.object({
  fields: z
    .record(z.string(), fieldValue)
    .refine((f) => Object.keys(f).length >= 1, "name at least one field")
    .refine((f) => Object.keys(f).every((k) => (FIELD_NAMES as readonly string[]).includes(k)), `fields must be among ${FIELD_NAMES.join(", ")}`),
});
const tag = z.string().max(TAG_MAX * 4).transform((s, ctx) => cleanTag(s) ?? (ctx.addIssue({ code: "custom", message: `a tag is 1 to ${TAG_MAX} characters` }), z.NEVER));
const tagsBody = z
  .object({ add: z.array(tag).max(TAGS_PER_CUSTOMER).default([]), remove: z.array(tag).max(TAGS_PER_CUSTOMER).default([]) })
  .refine((b) => b.add.length + b.remove.length > 0, "add or remove at least one tag");

/** The customer of the path, admitted for `act`; 404 customer_not_found unless linked to the workspace's staff. */
async function customerOf(c: Context<AppEnv>, act: "view_profile" | "edit_profile") {
  const admitted = await admit(c, act);
  const customer = parse(positiveId, c.req.param("userId"));
  const loaded = await loadProfile(admitted.db, admitted.workspace, customer, Date.now());
  if (!loaded) throw failure("customer_not_found");
  return { ...admitted, customer, loaded };
}

export const profileRoutes = new Hono<AppEnv>()
  .get("/:wsId/tags", async (c) => {
    const { db, workspace } = await admit(c, "list_customers");
    return c.json({ tags: await tagLibrary(db, workspace) });
  })
  .get("/:wsId/customers/:userId", async (c) => {
    const { loaded, me } = await customerOf(c, "view_profile");
    return c.json({ profile: loaded.as(me) });
  })
  .patch("/:wsId/customers/:userId", async (c) => {
    const { db, workspace, customer, me } = await customerOf(c, "edit_profile");
    const { fields } = await body(c, patchBody);
    const now = Date.now();
    const facts: Incoming[] = Object.entries(fields).map(([field, v]) => ({ source: "staff", field, value: v, at: now, staffId: me }));
    await update(db, workspace, customer, (current) => mergeFacts(current, facts), now).catch((err) => {
      throw err instanceof ProfileBusy ? failure("profile_busy") : err;
    });
    await announce(c.env, workspace, customer, now);
    const loaded = await loadProfile(db, workspace, customer, now);
    return c.json({ profile: loaded!.as(me) });
  })
  .put("/:wsId/customers/:userId/tags", async (c) => {
    const { db, workspace, customer, me } = await customerOf(c, "edit_profile");
    const { add, remove } = await body(c, tagsBody);
    const done = await changeTags(db, workspace, customer, me, [...new Set(add)], [...new Set(remove)], { perCustomer: TAGS_PER_CUSTOMER, perWorkspace: TAGS_PER_WORKSPACE }, Date.now());
    if (!done) throw failure("too_many_tags");
    await announce(c.env, workspace, customer);
    return c.json({ tags: await tagsOf(db, workspace, customer) });
  });

/** What a customer sees: the workspaces keeping something on them, and erasure. Mounted at /api/v1/me/profiles. */
export const heldProfileRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const me = c.get("user").id;
    const db = open(c.env.DB);
    return c.json({ profiles: await heldBy(db, me) });
  })
  .delete("/:wsId", async (c) => {
    const workspace = parse(positiveId, c.req.param("wsId"));
    const me = c.get("user").id;
    const db = open(c.env.DB);
    const held = (await heldWorkspaces(db, me, workspace)).length > 0;
    const linked = held || (await workspacesOfCustomer(db, me)).some((w) => w.id === workspace);
    if (!linked) throw failure("profile_not_found");
    await erase(db, workspace, me, Date.now());
    await announce(c.env, workspace, me);
    return c.json({ ok: true });
  });

/** GET /me/profiles answers at most this many workspaces (the oldest first); erasing some shows the next. */
export const HELD_MAX = 100;

/** The workspaces (all, or only `only`) holding fields, tags or timeline events on `customer`, at most HELD_MAX. */
function heldWorkspaces(db: Db, customer: number, only?: number) {
  return db.all<{ id: number; name: string; events: number }>(sql`
    select w.id as id, w.name as name,
      (select count(*) from customer_events e where e.customer = ${customer} and e.staff in (select user from workspace_staff s where s.workspace = w.id)) as events
    from workspaces w
    where w.id not in (select workspace from workspace_staff where user = ${customer})
      and (exists (select 1 from customer_profiles p where p.workspace = w.id and p.customer = ${customer})
        or exists (select 1 from customer_tags t where t.workspace = w.id and t.customer = ${customer})
        or exists (select 1 from customer_events e join workspace_staff s on s.user = e.staff and s.workspace = w.id where e.customer = ${customer}))
      and (${only ?? null} is null or w.id = ${only ?? null})
    order by w.id limit ${HELD_MAX}`);
}

/** The workspaces holding something on `customer`, with what they hold: a constant number of queries. */
async function heldBy(db: Db, customer: number): Promise<HeldProfile[]> {
  const workspaces = await heldWorkspaces(db, customer);
  if (workspaces.length === 0) return [];
  const ids = JSON.stringify(workspaces.map((w) => w.id));
  const [profiles, tags] = await Promise.all([
    db.all<{ workspace: number; fields: string }>(sql`select workspace, fields from customer_profiles where customer = ${customer} and workspace in (select value from json_each(${ids}))`),
    db.all<{ workspace: number; tag: string }>(sql`select workspace, tag from customer_tags where customer = ${customer} and workspace in (select value from json_each(${ids})) order by tag`),
  ]);
  const fields = new Map(profiles.map((p) => [p.workspace, JSON.parse(p.fields) as Fields]));
  return workspaces.map((w) => ({
    workspace: { id: w.id, name: w.name },
    fields: fieldsAs(customer, customer, fields.get(w.id) ?? {}),
    tags: tags.filter((t) => t.workspace === w.id).map((t) => t.tag),
    events: w.events,
  }));
}
