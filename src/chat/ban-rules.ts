// Who may ban whom from a group, and for how long a ban holds. Pure.
import { atLeast, outranks, type Role } from "./roles.ts";

/** Why a ban (or the removal an unban implies) is refused, in the order Telegram checks. */
export type BanRefusal = "not_enough_rights" | "cant_remove_owner" | "target_is_admin";

/**
 * Owners and admins ban those ranked below them; the owner can never be banned, and an admin
 * only by the owner. `target` is null for someone who is not a member (they may be banned
 * too, which keeps them from being added).
 */
export function banRefusal(actor: Role, target: Role | null): BanRefusal | null {
  if (!atLeast(actor, "admin")) return "not_enough_rights";
  if (target === "owner") return "cant_remove_owner";
  if (target !== null && !outranks(actor, target)) return "target_is_admin";
  return null;
}

const MIN_BAN_SECONDS = 30;
const MAX_BAN_SECONDS = 366 * 86_400;

/**
 * The Unix time a ban made at `now` ends, 0 for never. Telegram: "If user is banned for more
 * than 366 days or less than 30 seconds from the current time they are considered to be
 * banned forever."
 */
export function banUntil(untilDate: number | undefined, now: number): number {
  if (!untilDate) return 0;
  const span = untilDate - now;
  return span < MIN_BAN_SECONDS || span > MAX_BAN_SECONDS ? 0 : untilDate;
}

/** Whether a ban stored with `until` still holds at `now`. */
export function banHolds(until: number, now: number): boolean {
  return until === 0 || until > now;
}
