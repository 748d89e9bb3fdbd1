// D1 through drizzle: one way to open it, and the slicing D1's bound-parameter limit needs.
// Each capability's tables and queries live in its own schema.ts and store.
import { drizzle } from "drizzle-orm/d1";

export type Db = ReturnType<typeof open>;

export function open(d1: D1Database) {
  return drizzle(d1);
}

/** D1 binds at most 100 parameters per statement; long id lists are split below that. */
export const D1_MAX_BOUND = 100;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` on slices of `ids` small enough for D1 and joins the rows. */
export async function inSlices<T>(ids: readonly number[], query: (slice: number[]) => Promise<T[]>, reserved = 10): Promise<T[]> {
  const parts = await Promise.all(chunks(ids, D1_MAX_BOUND - reserved).map(query));
  return parts.flat();
}
