// Read acknowledgements (issue 10 point 6): the in-app read button, a reply to the in-app
// message, and a tracked link (/r/{token}, one token per delivery). Each is recorded once per
// channel as read feedback in D1, with whether it was the notification's first read; the
// learned plan (plan.ts) ranks channels by them.
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { deliveryByToken, recordRead } from "./store.ts";

/**
 * Records a read of the delivery `token` names. `by`: who acknowledged it (a button press or
 * a reply must be the notification's user; a tracked link is whoever holds it). Answers the
 * notification's link (for the redirect), or null when the token names nothing.
 */
export async function acknowledge(env: Env, token: string, via: "button" | "reply" | "link", by: number | null, now = Date.now()): Promise<{ link: string | null } | null> {
  const db = open(env.DB);
  const d = await deliveryByToken(db, token);
  if (!d || (by !== null && by !== d.user)) return null;
  await recordRead(db, d.notification, d.channel, d.user, via, now);
  return { link: d.link };
}
