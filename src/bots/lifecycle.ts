// logOut and close, as Telegram's cloud Bot API server has them, for a platform that is the
// only server a bot has. Pure: the BotActor keeps the two times in its meta table.
//
// - The bot's "instance" is launched by its first call (after creation, or after a close).
// - `close` shuts the instance down so it can move: within the first 10 minutes after launch it
//   answers 429 "Too Many Requests: retry after N" (Telegram: "The method will return error 429
//   in the first 10 minutes after the bot is launched"); afterwards it succeeds, a waiting
//   getUpdates ends (with what is pending), and the next call launches the bot again. The
//   webhook stays: Telegram asks bots to delete it first if they do not want to be launched again.
// - `logOut` logs the bot out of this server, as a bot moving to a local Bot API server does.
//   Telegram then answers every call with 400 "Logged out", and lets the bot log back in only
//   after 10 minutes ("will not be able to log in back to the cloud Bot API server for 10
//   minutes"); the first call after that logs it in. So here: a waiting getUpdates ends with
//   "Logged out", every call in the next 10 minutes is refused with it, webhook deliveries
//   pause (updates are kept, and go out once the bot is back), and the first call after the 10
//   minutes logs the bot in and launches it.

export const RELAUNCH_GUARD_SECONDS = 600;
export const RELOGIN_WAIT_SECONDS = 600;

export interface Lifecycle {
  /** When the instance was launched (Unix seconds), or null when it is not running. */
  launchedAt: number | null;
  /** When the bot logged out, or null when it is logged in. */
  loggedOutAt: number | null;
}

/** What a call finds: refused as logged out, or admitted (and what that changes). */
export type Admission = { admitted: false } | { admitted: true; next: Lifecycle | null };

/** A call arriving at `now`; `next` is the state to store, null when nothing changes. */
export function admit(l: Lifecycle, now: number): Admission {
  if (l.loggedOutAt !== null) {
    if (now - l.loggedOutAt < RELOGIN_WAIT_SECONDS) return { admitted: false };
    return { admitted: true, next: { launchedAt: now, loggedOutAt: null } };
  }
  return { admitted: true, next: l.launchedAt === null ? { launchedAt: now, loggedOutAt: null } : null };
}

/** `close` at `now`: the state to store, or how long to wait. */
export function closeAt(l: Lifecycle, now: number): { next: Lifecycle } | { retryAfter: number } {
  const age = l.launchedAt === null ? RELAUNCH_GUARD_SECONDS : now - l.launchedAt;
  if (age < RELAUNCH_GUARD_SECONDS) return { retryAfter: RELAUNCH_GUARD_SECONDS - age };
  return { next: { launchedAt: null, loggedOutAt: null } };
}

export function logOutAt(now: number): Lifecycle {
  return { launchedAt: null, loggedOutAt: now };
}

/** Whether webhook deliveries wait: a logged-out bot gets no updates until it logs in again. */
export function deliveriesPaused(l: Lifecycle): boolean {
  return l.loggedOutAt !== null;
}
