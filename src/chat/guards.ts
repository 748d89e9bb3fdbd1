// The chat routes' checks that read across capabilities, before anything is stored: who may
// still post into a private chat, and how many groups others may put a user into.
import type { Context } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { hasBlocked } from "../accounts/blocks.ts";
import { areFriends } from "../accounts/friends.ts";
import { findUsers } from "../accounts/queries.ts";
import { limitOf, userSubject, type Spend } from "../accounts/quotas.ts";
import type { Db } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import type { Sender } from "../protocol/messages.ts";
import { parseChatKey } from "./chat-ids.ts";
import { groupCounts, shareGroup } from "./chat-index.ts";

/**
 * A private chat takes new messages from a person while the peer has not blocked him and
 * they are still friends or share a group (the rule that opens a private chat). A chat with
 * a bot is governed by the bot's own block instead (ChatActor.post).
 */
export async function requireMayPostPrivately(db: Db, me: number, key: string): Promise<void> {
  const p = parseChatKey(key);
  if (p?.type !== "private") return;
  const peer = p.members[0] === me ? p.members[1] : p.members[0];
  const [blocked, friends, shared] = await Promise.all([hasBlocked(db, peer, me), areFriends(db, me, peer), shareGroup(db, me, peer)]);
  if (blocked) throw new HttpError(403, "user_blocked", "this user has blocked you; your messages are not delivered");
  if (friends || shared) return;
  const [peerUser] = await findUsers(db, [peer]);
  if (peerUser?.isBot) return;
  throw new HttpError(403, "not_friends", "you are no longer friends with this user and share no group, so you cannot message them");
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
