// The checks routes make before they wake a chat or store anything: that the caller is in
// the chat they name (for the chat routes and the other capabilities' routes about a chat),
// and how many groups others may put a user into.
import type { Context } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { limitOf, userSubject, type Spend } from "../accounts/quotas.ts";
import { open, type Db } from "../platform/d1.ts";
import { failure, HttpError } from "../platform/errors.ts";
import { KnownSet } from "../platform/known-set.ts";
import { intId, parse } from "../platform/validate.ts";
import type { Sender } from "../protocol/messages.ts";
import { chatKeyFor } from "./chat-ids.ts";
import { groupCounts, inIndex } from "./chat-index.ts";

/** Chats the index has shown a user to be in, remembered per isolate (see KnownSet). */
const knownMembers = new KnownSet();

/**
 * The chat `chatId` names, as the current user names it (`field` says where it came from).
 * A user the index does not have in the chat gets the chat's own refusal without its actor
 * being woken (or made, for a chat that does not exist).
 */
export async function memberChat(c: Context<AppEnv>, chatId: number, field = "chatId") {
  const me = c.get("user");
  const key = chatKeyFor(me.id, chatId);
  if (!key) throw new HttpError(400, "bad_request", `${field} names no chat`);
  if (!(await knownMembers.check(`${me.id}/${key}`, () => inIndex(open(c.env.DB), me.id, key)))) throw failure("not_member");
  return { me, chatId, key, chat: c.env.CHATS.getByName(key) };
}

/** The chat named in the path (`:chatId`): see memberChat. */
export function chatOf(c: Context<AppEnv>) {
  return memberChat(c, parse(intId, c.req.param("chatId")));
}

/**
 * What adding `users` to a group spends: each person's quota of being added to groups by
 * others. Anyone already in as many groups as a user may be in is refused here. Bots are left
 * out: a popular bot is in many groups, and it chose to be added by being a friend.
 */
export async function groupAddSpends(c: Context<AppEnv>, db: Db, users: Sender[]): Promise<Spend[]> {
  const people = users.filter((u) => !u.isBot).map((u) => u.id);
  if (!people.length) return [];
  const max = limitOf(c.env, "groupsJoined");
  const counts = await groupCounts(db, people);
  const full = people.filter((id) => (counts.get(id) ?? 0) >= max);
  if (full.length) throw new HttpError(429, "quota_exceeded", `a user can be in at most ${max} groups; full: ${full.join(", ")}`);
  return people.map((id): Spend => ({ subject: userSubject(id), quota: "groupAdds" }));
}
