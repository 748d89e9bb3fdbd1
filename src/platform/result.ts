// An expected failure is a value: a typed reason, never an exception and never words to
// match. Each surface (the client API, the Bot API) maps reasons to its wire errors once.

export type Refusal<R extends string> = {
  ok: false;
  reason: R;
  /** Human words for the wire, where the reason alone does not say enough (which parameter, what limit). */
  detail?: string;
  /** Seconds to wait, for reasons that are about pace. */
  retryAfter?: number;
};

export type Result<T, R extends string> = { ok: true; value: T } | Refusal<R>;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function refuse<R extends string>(reason: R, extra: Omit<Refusal<R>, "ok" | "reason"> = {}): Refusal<R> {
  return { ok: false, reason, ...extra };
}
