// Who is linked to whom, read from D1: the staff a chat message concerns, and a customer's
// linked staff in a workspace with what closeness is made of (friendship, shared groups).
import { sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { parseChatKey } from "../chat/chat-ids.ts";

/**
 * For a message by `sender` in `chatKey`: each workspace with staff among the chat's other
 * members in which the sender is not staff (the sender is its customer there), with those
 * staff. A private chat's members come from its key; a group's from chat_members.
 */
export async function workspacesConcerned(db: Db, chatKey: string, sender: number): Promise<Map<number, number[]>> {
  const parsed = parseChatKey(chatKey);
  if (!parsed) return new Map();
  const rows =
    parsed.type === "private"
      ? await db.all<{ workspace: number; user: number }>(sql`select workspace, user from workspace_staff
          where user = ${parsed.members[0] === sender ? parsed.members[1] : parsed.members[0]}
            and workspace not in (select workspace from workspace_staff where user = ${sender})`)
      : await db.all<{ workspace: number; user: number }>(sql`select s.workspace as workspace, s.user as user from workspace_staff s
          join chat_members m on m.user_id = s.user and m.chat_key = ${chatKey}
          where s.user != ${sender} and s.workspace not in (select workspace from workspace_staff where user = ${sender})`);
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.workspace, [...(out.get(r.workspace) ?? []), r.user]);
  return out;
}

/** Whether `user` is a person (not a bot) and not staff of `workspace`. */
export async function isCustomerCandidate(db: Db, workspace: number, user: number): Promise<boolean> {
  const rows = await db.all(sql`select 1 from users where id = ${user} and is_bot = 0 and id not in (select user from workspace_staff where workspace = ${workspace})`);
  return rows.length > 0;
}

export interface LinkedStaff {
  id: number;
  handle: string;
  displayName: string;
  friend: boolean;
  /** Member counts of the groups the two share. */
  groupSizes: number[];
}

/**
 * The workspace's staff linked to `customer`: friends (links both ways) or fellow members of
 * a group. Empty when the customer is staff there or linked to none.
 */
export async function linkedStaff(db: Db, workspace: number, customer: number): Promise<LinkedStaff[]> {
  const rows = await db.all<{ id: number; handle: string; displayName: string; friend: number; sizes: string | null }>(sql`
    with staff as (select user from workspace_staff where workspace = ${workspace} and user != ${customer}
                   and not exists (select 1 from workspace_staff where workspace = ${workspace} and user = ${customer})),
    shared as (
      select s.user as id, (select count(*) from chat_members c where c.chat_key = m.chat_key) as size
        from staff s join chat_members m on m.user_id = s.user and m.chat_key like 'g:%'
        join chat_members o on o.chat_key = m.chat_key and o.user_id = ${customer}
    ),
    friends as (
      select s.user as id from staff s
        where exists (select 1 from friend_links f where f.from_id = s.user and f.to_id = ${customer})
          and exists (select 1 from friend_links r where r.from_id = ${customer} and r.to_id = s.user)
    )
    select u.id as id, u.handle as handle, u.display_name as displayName,
           (u.id in (select id from friends)) as friend,
           (select json_group_array(size) from shared where shared.id = u.id) as sizes
      from users u
      where u.id in (select id from friends union select id from shared)`);
  return rows.map((r) => ({ id: r.id, handle: r.handle, displayName: r.displayName, friend: r.friend === 1, groupSizes: r.sizes ? (JSON.parse(r.sizes) as number[]) : [] }));
}

/** The workspaces `customer` is a customer of (linked to some staff member, not staff), with their names. */
export async function workspacesOfCustomer(db: Db, customer: number): Promise<{ id: number; name: string }[]> {
  return db.all(sql`
    with mine as (select chat_key from chat_members where user_id = ${customer} and chat_key like 'g:%'),
    linked as (
      select s.workspace as workspace from workspace_staff s
        where exists (select 1 from friend_links f where f.from_id = s.user and f.to_id = ${customer})
          and exists (select 1 from friend_links r where r.from_id = ${customer} and r.to_id = s.user)
      union
      select s.workspace from workspace_staff s join chat_members m on m.user_id = s.user join mine on mine.chat_key = m.chat_key
    )
    select w.id as id, w.name as name from workspaces w
      where w.id in (select workspace from linked)
        and w.id not in (select workspace from workspace_staff where user = ${customer})
      order by w.id`);
}
