// Span scoring shared by the extractor's evaluation scripts (eval-extract.ts on our own sets,
// eval-cluener.ts on CLUENER2020): matching found spans to gold ones, and precision, recall, F1.
// Pure; offsets are whatever unit both sides use (the scripts use Unicode characters).

export interface Span { type: string; text: string; start: number; end: number }
export type Counts = { tp: number; fp: number; fn: number };
export const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/**
 * Pairs each found span with the first unused gold span of the same type that `same` accepts;
 * each gold span is matched at most once. `fn` are the gold spans left unmatched.
 */
export function match<G extends Span, F extends Span>(gold: G[], found: F[], same: (g: G, f: F) => boolean): { tp: F[]; fp: F[]; fn: G[] } {
  const used = new Set<number>();
  const tp: F[] = [];
  const fp: F[] = [];
  for (const f of found) {
    const i = gold.findIndex((g, k) => !used.has(k) && g.type === f.type && same(g, f));
    if (i >= 0) { used.add(i); tp.push(f); } else fp.push(f);
  }
  return { tp, fp, fn: gold.filter((_, k) => !used.has(k)) };
}

/** Same start and end. */
export const exact = (g: Span, f: Span) => g.start === f.start && g.end === f.end;
/** Sharing at least one character. */
export const overlap = (g: Span, f: Span) => g.start < f.end && f.start < g.end;

/** A score as 0.000, or "  -  " where it is undefined (nothing found, or nothing to find). */
export const pct = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : "  -  ");

export function prf(c: Counts): [number, number, number] {
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  return [p, r, (2 * p * r) / (p + r) || 0];
}
