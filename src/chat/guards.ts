// The chat routes' checks that read across capabilities, before anything is stored: how many
// groups others may put a user into.
import type { Context } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { limitOf, userSubject, type Spend } from "../accounts/quotas.ts";
import type { Db } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import type { Sender } from "../protocol/messages.ts";
import { groupCounts } from "./chat-index.ts";

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
