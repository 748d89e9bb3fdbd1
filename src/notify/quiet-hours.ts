// Quiet hours in the user's time zone (issue 10 point 7). Pure: `now` is given. Re-exported by
// plan.ts; tested in quiet-hours.test.ts.
//
// - A window is [start, end) in local wall-clock time of an IANA zone ("22:00"-"07:00").
//   start > end runs over midnight; start == end is an empty window (no quiet hours).
// - `urgent` ignores quiet hours.
// - DST: the local time is read with Intl.DateTimeFormat, so "now" is always judged on the
//   wall clock the user sees. The end is turned back into an instant like Temporal's
//   "compatible" disambiguation: an end skipped by a spring-forward gap (02:30 when clocks
//   jump 02:00 -> 03:00) means the same elapsed time after the gap (03:30); an end that occurs
//   twice in the autumn means the first occurrence.
import { z } from "zod";
import type { Importance } from "./plan.ts";

export interface QuietHours {
  /** "HH:MM", 24-hour, local time. */
  start: string;
  end: string;
  /** An IANA time zone ("Europe/Berlin"). */
  timeZone: string;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (00:00 to 23:59)");

/** Whether an IANA zone name is one this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The shape a user's quiet hours must have (for the preferences route). */
export const quietHoursSchema = z.strictObject({
  start: hhmm,
  end: hhmm,
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
});

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(t: number, timeZone: string): Wall {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(t))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at instant t, in ms (wall clock minus UTC). Whole seconds. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone);
  const whole = Math.floor(t / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/** The instant a local wall time happens in the zone ("compatible" disambiguation, see above). */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const valid = [asUtc - before, asUtc - after].filter((t) => offsetAt(t, timeZone) === asUtc - t);
  if (valid.length > 0) return Math.min(...valid);
  return asUtc - before; // in a gap: the offset from before the jump carries the time past it
}

const minutesOf = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * When a notification may go out: null when `now` is outside the quiet hours (or there are
 * none, or it is urgent), else the instant (ms) the quiet hours end. Throws on a malformed
 * window, which quietHoursSchema refuses before it is stored.
 */
export function quietUntil(now: number, quiet: QuietHours | null, importance: Importance): number | null {
  if (!quiet || importance === "urgent") return null;
  const parsed = quietHoursSchema.safeParse(quiet);
  if (!parsed.success) throw new RangeError(`bad quiet hours: ${parsed.error.issues[0]?.message}`);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const w = wallClock(now, quiet.timeZone);
  const m = w.hour * 60 + w.minute;
  const overMidnight = start > end;
  const inside = overMidnight ? m >= start || m < end : m >= start && m < end;
  if (!inside) return null;
  // The end is today (local) unless we are in the evening part of a window over midnight.
  const endToday = !overMidnight || m < end;
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day + (endToday ? 0 : 1)));
  const until = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(end / 60), end % 60, quiet.timeZone);
  // A DST jump can put the resolved end at or before now (the end fell in the gap): not quiet then.
  return until > now ? until : null;
}
