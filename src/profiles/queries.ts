// Workspaces, staff and customers in D1: the one way to reach the tables of schema.ts.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { users } from "../accounts/schema.ts";
import { workspaceStaff, workspaces } from "./schema.ts";
import { MAX_OWNED_WORKSPACES, MAX_STAFF, type WorkspaceRole } from "./rules.ts";

export interface StaffMember {
  id: number;
  handle: string;
  displayName: string;
  role: WorkspaceRole;
}

export interface Customer {
  id: number;
  handle: string;
  displayName: string;
  tags: string[];
}

/**
 * Creates a workspace owned by `owner`, with the owner as its first staff, in one batch; null
 * when the owner already has MAX_OWNED_WORKSPACES (then nothing is stored).
 */
export async function createWorkspace(db: Db, owner: number, name: string): Promise<{ id: number; name: string } | null> {
  // Raw statements in one D1 batch (one transaction): drizzle's batch takes only its builders.
  const d1 = db.$client;
  const [created] = await d1.batch<{ id: number; name: string }>([
    d1
      .prepare("insert into workspaces (name, owner) select ?1, ?2 where (select count(*) from workspaces where owner = ?2) < ?3 returning id, name")
      .bind(name, owner, MAX_OWNED_WORKSPACES),
    d1
      .prepare(
        "insert into workspace_staff (workspace, user, role) select w.id, w.owner, 'owner' from workspaces w where w.owner = ?1 and not exists (select 1 from workspace_staff s where s.workspace = w.id) on conflict do nothing",
      )
      .bind(owner),
  ]);
  return created?.results[0] ?? null;
}

/** The caller's role in the workspace, or null when they are not its staff (or it does not exist). */
export async function roleIn(db: Db, workspace: number, user: number): Promise<WorkspaceRole | null> {
  const rows = await db
    .select({ role: workspaceStaff.role })
    .from(workspaceStaff)
    .where(and(eq(workspaceStaff.workspace, workspace), eq(workspaceStaff.user, user)))
    .limit(1);
  return rows[0]?.role ?? null;
}

/** The workspaces `user` works in, with their role, oldest first. */
export async function workspacesOf(db: Db, user: number): Promise<{ id: number; name: string; role: WorkspaceRole }[]> {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: workspaceStaff.role })
    .from(workspaceStaff)
    .innerJoin(workspaces, eq(workspaces.id, workspaceStaff.workspace))
    .where(eq(workspaceStaff.user, user))
    .orderBy(asc(workspaces.id));
}

export async function staffOf(db: Db, workspace: number): Promise<StaffMember[]> {
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName, role: workspaceStaff.role })
    .from(workspaceStaff)
    .innerJoin(users, eq(users.id, workspaceStaff.user))
    .where(eq(workspaceStaff.workspace, workspace))
    .orderBy(asc(workspaceStaff.added), asc(users.id));
}

export async function removeStaff(db: Db, workspace: number, user: number): Promise<void> {
  await db.delete(workspaceStaff).where(and(eq(workspaceStaff.workspace, workspace), eq(workspaceStaff.user, user)));
}

/** `%` and `_` match themselves in a LIKE pattern escaped with `\`. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The workspace's customers: people (not bots) linked to one of its staff, as a friend (links
 * both ways) or a fellow member of a group, who are not its staff. Ordered by handle, at most
 * `limit`, after the handle `after` (lower-cased) for the next page; `q` matches a part of the
 * handle or display name, in any letter case.
 */
export async function customersOf(db: Db, workspace: number, opts: { q: string; limit: number; after: string; tag?: string }): Promise<Customer[]> {
  const tag = opts.tag ?? "";
  const pattern = likePattern(opts.q);
  const rows = await db.all<{ id: number; handle: string; displayName: string }>(sql`
    with staff as (select user from workspace_staff where workspace = ${workspace}),
    linked as (
      select f.to_id as id from friend_links f join staff s on f.from_id = s.user
        where exists (select 1 from friend_links r where r.from_id = f.to_id and r.to_id = f.from_id)
      union
      select o.user_id as id from chat_members m join staff s on m.user_id = s.user
        join chat_members o on o.chat_key = m.chat_key
        where m.chat_key like 'g:%'
    )
    select u.id as id, u.handle as handle, u.display_name as displayName
      from users u join linked l on l.id = u.id
      where u.is_bot = 0 and u.id not in (select user from staff)
        and u.handle_key > ${opts.after.toLowerCase()}
        and (u.handle_key like ${pattern} escape '\\' or lower(u.display_name) like ${pattern} escape '\\')
        and (${tag} = '' or exists (select 1 from customer_tags t where t.workspace = ${workspace} and t.customer = u.id and t.tag = ${tag}))
      order by u.handle_key limit ${opts.limit}`);
  const tags = new Map<number, string[]>();
  if (rows.length) {
    const held = await db.all<{ customer: number; tag: string }>(
      sql`select customer, tag from customer_tags where workspace = ${workspace} and customer in (select value from json_each(${JSON.stringify(rows.map((r) => r.id))})) order by tag`,
    );
    for (const t of held) tags.set(t.customer, [...(tags.get(t.customer) ?? []), t.tag]);
  }
  return rows.map((r) => ({ id: r.id, handle: r.handle, displayName: r.displayName, tags: tags.get(r.id) ?? [] }));
}
