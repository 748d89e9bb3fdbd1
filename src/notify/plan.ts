// Which channels a notification goes to, and when it falls back (issue 10 points 4 and 7;
// ARCHITECTURE.md 4.3). Pure and runtime-agnostic (web standards and zod only): the platform's
// sending code and the simulator (scripts/simulate-push.ts) call these same functions.
// Tested in plan.test.ts.
//
// - A new user (fewer than `newUserThreshold` notifications received) gets every reachable
//   channel at once and no fallback: we do not know yet where he reads.
// - An established user's reachable channels are ranked by
//       importance = k1 · reads + k2 · firstReads
//   (`firstReads`: notifications whose first read came on that channel), ties going to the
//   more recent read (never read counts as oldest), then to TIE_ORDER (cheapest first). The
//   top channel is primary, the next secondary. A pin of primary or secondary wins over the
//   learning when the pinned channel is reachable; the free slots are filled from the ranking.
//   The primary gets the notification now; the secondary gets it `timeoutsMs[importance]`
//   later unless a read came first (the caller's queue does that part).
// - Two times per importance: the read DEADLINE (`deadlinesMs`: a read by then is in time;
//   the simulator's readWithinDeadline) and the fallback TIMEOUT (`timeoutsMs`: when the
//   secondary gets it), by default FALLBACK_FRACTION of the deadline, so that the secondary
//   still has the rest of the deadline to be read.
// - What the ranking learns from: only reads within the deadline (countsForLearning). A read
//   days late says the user reads there, not that the channel reaches him in time.
// - No reachable channel: nothing is sent.
import { z } from "zod";
import type { Channel } from "./schema.ts";

export { isTimeZone, quietHoursSchema, quietUntil, type QuietHours } from "./quiet-hours.ts";

export type Importance = "low" | "normal" | "high" | "urgent";
export const IMPORTANCES = ["low", "normal", "high", "urgent"] as const satisfies readonly Importance[];

/**
 * Equal scores and equal last reads go to the cheaper channel: in-app and the official account
 * cost nothing, an e-mail little, an SMS money.
 */
export const TIE_ORDER = ["in_app", "official_account", "email", "sms"] as const satisfies readonly Channel[];
// Every Channel must appear in TIE_ORDER: this line stops compiling if schema.ts adds one.
const tieOrderIsComplete: Exclude<Channel, (typeof TIE_ORDER)[number]> extends never ? true : never = true;
void tieOrderIsComplete;

export interface NotifyConfig {
  /** A user who received fewer notifications than this is new: every reachable channel. */
  newUserThreshold: number;
  /** Weight of each read on a channel. */
  k1: number;
  /** Weight of each first read (the first channel a notification was read on). */
  k2: number;
  /** The read deadline: a notification read by then (on any channel) was read in time. */
  deadlinesMs: Record<Importance, number>;
  /** The fallback timeout: how long the primary has to be read before the secondary gets it (at most the deadline). */
  timeoutsMs: Record<Importance, number>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The fallback timeout as a share of the read deadline, when only the deadline is given (and in
 * the defaults). Chosen with the simulator's sweep (README, "Notifications: the plan and the
 * simulator"): earlier means more secondary reads within the deadline but more sends.
 */
export const FALLBACK_FRACTION = 0.25;

const DEFAULT_DEADLINES: Readonly<Record<Importance, number>> = Object.freeze({ low: 12 * HOUR, normal: 2 * HOUR, high: 30 * MINUTE, urgent: 5 * MINUTE });

/** The timeout derived from a deadline: FALLBACK_FRACTION of it (or `fraction`), whole seconds, at least a second. */
export function fallbackTimeout(deadlineMs: number, fraction: number = FALLBACK_FRACTION): number {
  return Math.min(deadlineMs, Math.max(1000, Math.round((deadlineMs * fraction) / 1000) * 1000));
}

/** Timeouts for every importance as `fraction` of the deadlines (the simulator's sweep uses it). */
export function timeoutsFor(deadlinesMs: Readonly<Record<Importance, number>>, fraction: number = FALLBACK_FRACTION): Record<Importance, number> {
  return { low: fallbackTimeout(deadlinesMs.low, fraction), normal: fallbackTimeout(deadlinesMs.normal, fraction), high: fallbackTimeout(deadlinesMs.high, fraction), urgent: fallbackTimeout(deadlinesMs.urgent, fraction) };
}

/** The defaults; a bot may override any of them (notify_config, parsed by parseConfig). */
export const DEFAULT_CONFIG: Readonly<NotifyConfig> = Object.freeze({
  newUserThreshold: 5,
  k1: 1,
  k2: 2,
  deadlinesMs: DEFAULT_DEADLINES,
  timeoutsMs: Object.freeze(timeoutsFor(DEFAULT_DEADLINES)),
});

/**
 * Bounds of a bot's override: a deadline or a timeout from 1 minute to 7 days (beyond 12 hours
 * an actor alarm waits); a timeout is never after its deadline.
 */
export const CONFIG_BOUNDS = {
  newUserThreshold: { min: 0, max: 1000 },
  weight: { min: 0, max: 1000 },
  timeoutMs: { min: MINUTE, max: 7 * 24 * HOUR },
} as const;

const weight = z.number().finite().min(CONFIG_BOUNDS.weight.min).max(CONFIG_BOUNDS.weight.max);
const timeout = z.number().int().min(CONFIG_BOUNDS.timeoutMs.min).max(CONFIG_BOUNDS.timeoutMs.max);

/** A bot's override: every field optional, unknown fields refused (a typo must not pass silently). */
export const configOverrideSchema = z.strictObject({
  newUserThreshold: z.number().int().min(CONFIG_BOUNDS.newUserThreshold.min).max(CONFIG_BOUNDS.newUserThreshold.max).optional(),
  k1: weight.optional(),
  k2: weight.optional(),
  timeoutsMs: z.strictObject({ low: timeout.optional(), normal: timeout.optional(), high: timeout.optional(), urgent: timeout.optional() }).optional(),
  deadlinesMs: z.strictObject({ low: timeout.optional(), normal: timeout.optional(), high: timeout.optional(), urgent: timeout.optional() }).optional(),
});

export type ParsedConfig = { ok: true; config: NotifyConfig } | { ok: false; reason: string };

/**
 * A bot's override (a JSON string as stored, or an already parsed value) merged over
 * DEFAULT_CONFIG. `null`/`undefined` give the defaults. A bad override is a reason, not a throw.
 * Per importance: a deadline given alone derives its timeout (fallbackTimeout); a timeout
 * given alone (an override written before deadlines existed, when the timeout was both) keeps
 * the default deadline, or its own value when that is later; both given: the timeout must not
 * be after the deadline.
 */
export function parseConfig(json: unknown): ParsedConfig {
  let input = json;
  if (typeof json === "string") {
    try {
      input = JSON.parse(json);
    } catch {
      return { ok: false, reason: "the config must be JSON" };
    }
  }
  if (input === null || input === undefined) return { ok: true, config: copyOf(DEFAULT_CONFIG) };
  const r = configOverrideSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    return { ok: false, reason: path ? `${path}: ${issue?.message}` : (issue?.message ?? "invalid config") };
  }
  const o = r.data;
  const d = DEFAULT_CONFIG;
  const deadlinesMs = { ...d.deadlinesMs };
  const timeoutsMs = { ...d.timeoutsMs };
  for (const imp of IMPORTANCES) {
    const deadline = o.deadlinesMs?.[imp];
    const timeout = o.timeoutsMs?.[imp];
    if (deadline !== undefined && timeout !== undefined && timeout > deadline) {
      return { ok: false, reason: `timeoutsMs.${imp}: the fallback timeout must not be after deadlinesMs.${imp}` };
    }
    deadlinesMs[imp] = deadline ?? Math.max(d.deadlinesMs[imp], timeout ?? 0);
    timeoutsMs[imp] = timeout ?? (deadline !== undefined ? fallbackTimeout(deadline) : d.timeoutsMs[imp]);
  }
  return {
    ok: true,
    config: { newUserThreshold: o.newUserThreshold ?? d.newUserThreshold, k1: o.k1 ?? d.k1, k2: o.k2 ?? d.k2, deadlinesMs, timeoutsMs },
  };
}

function copyOf(c: Readonly<NotifyConfig>): NotifyConfig {
  return { ...c, deadlinesMs: { ...c.deadlinesMs }, timeoutsMs: { ...c.timeoutsMs } };
}

/**
 * Whether a read counts in a channel's `reads` and `firstReads` (the learning): only when it
 * came within the notification's read deadline, measured from when the notification was sent.
 * The simulator learns this way; the platform's read statistics must too.
 */
export function countsForLearning(readAfterMs: number, importance: Importance, config: NotifyConfig = DEFAULT_CONFIG): boolean {
  return readAfterMs <= config.deadlinesMs[importance];
}

export interface ChannelStats {
  channel: Channel;
  /** The user can be reached there now (in-app: he started the bot; others: a verified contact). */
  reachable: boolean;
  /** Reads on this channel that count for learning (countsForLearning). */
  reads: number;
  firstReads: number;
  /** Milliseconds of the last such read on this channel, or null if never read. */
  lastReadAt: number | null;
}

export interface PlanInput {
  /** Notifications this user received before this one (from any bot). */
  sent: number;
  channels: ChannelStats[];
  pins: { primary?: Channel | null; secondary?: Channel | null };
  importance: Importance;
}

export interface RankedChannel {
  channel: Channel;
  /** k1 · reads + k2 · firstReads. */
  importance: number;
  /** 1 is primary, 2 secondary (pins applied), and so on. */
  rank: number;
  pinned: boolean;
}

export interface Plan {
  mode: "all" | "learned";
  /** Where the notification goes now. */
  send: Channel[];
  /** Where it goes after `fallbackAfterMs` if no read came; null when there is no fallback. */
  fallback: Channel | null;
  fallbackAfterMs: number | null;
  /** The reachable channels in rank order (unreachable ones are left out). */
  ranking: RankedChannel[];
}

/** A channel's learned importance. */
export function channelScore(s: Pick<ChannelStats, "reads" | "firstReads">, config: NotifyConfig): number {
  return config.k1 * s.reads + config.k2 * s.firstReads;
}

/** Best first: higher score, then the more recent read (never read last), then TIE_ORDER. */
function compare(a: ChannelStats, b: ChannelStats, config: NotifyConfig): number {
  // Rounded so that float weights (0.1 + 0.2) do not split what is really a tie.
  const diff = Math.round((channelScore(b, config) - channelScore(a, config)) * 1e9);
  if (diff !== 0) return diff;
  const ra = a.lastReadAt ?? -Infinity;
  const rb = b.lastReadAt ?? -Infinity;
  if (ra !== rb) return rb > ra ? 1 : -1;
  return TIE_ORDER.indexOf(a.channel) - TIE_ORDER.indexOf(b.channel);
}

export function plan(input: PlanInput, config: NotifyConfig = DEFAULT_CONFIG): Plan {
  const reachable = input.channels.filter((c) => c.reachable);
  const learned = [...reachable].sort((a, b) => compare(a, b, config));
  const isReachable = (ch: Channel | null | undefined): ch is Channel => !!ch && reachable.some((c) => c.channel === ch);

  // Slots 1 and 2: a reachable pin holds its slot; the other slots take the ranking in order.
  const pinPrimary = isReachable(input.pins.primary) ? input.pins.primary : null;
  const pinSecondaryRaw = isReachable(input.pins.secondary) ? input.pins.secondary : null;
  const pinSecondary = pinSecondaryRaw === pinPrimary ? null : pinSecondaryRaw;
  const rest = learned.filter((c) => c.channel !== pinPrimary && c.channel !== pinSecondary).map((c) => c.channel);
  const ordered: Channel[] = [];
  const first = pinPrimary ?? rest.shift();
  if (first) ordered.push(first);
  const second = pinSecondary ?? rest.shift();
  if (second) ordered.push(second);
  ordered.push(...rest);

  const ranking = ordered.map((channel, i) => {
    const s = reachable.find((c) => c.channel === channel)!;
    return {
      channel,
      importance: channelScore(s, config),
      rank: i + 1,
      pinned: channel === pinPrimary || channel === pinSecondary,
    };
  });

  const mode = input.sent < config.newUserThreshold ? "all" : "learned";
  if (mode === "all") {
    const send = [...reachable].sort((a, b) => TIE_ORDER.indexOf(a.channel) - TIE_ORDER.indexOf(b.channel)).map((c) => c.channel);
    return { mode, send, fallback: null, fallbackAfterMs: null, ranking };
  }
  const primary = ordered[0];
  const secondary = ordered[1] ?? null;
  return {
    mode,
    send: primary ? [primary] : [],
    fallback: secondary,
    fallbackAfterMs: secondary ? config.timeoutsMs[input.importance] : null,
    ranking,
  };
}
