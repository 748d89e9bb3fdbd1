// The in-app copy's read button: an inline button whose callback data names the delivery's
// token. The chat recognises the prefix and records a read instead of asking the bot.
export const NOTIFY_READ_PREFIX = "sb:read:";

/** The delivery token a button's data names, or null when it is not a read button. */
export function readToken(data: string): string | null {
  return data.startsWith(NOTIFY_READ_PREFIX) && /^[A-Za-z0-9_-]{10,40}$/.test(data.slice(NOTIFY_READ_PREFIX.length)) ? data.slice(NOTIFY_READ_PREFIX.length) : null;
}
