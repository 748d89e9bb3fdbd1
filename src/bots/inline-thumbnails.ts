// Inline results' thumbnails that a bot names by URL: fetched at most once per shown result,
// and kept in R2 under `inline/<bot id>/<query id>/<result index>` for as long as the query's
// answer is kept (the thumbnail route serves only a live query's results, and
// inline-queries.ts deletes a forgotten query's thumbnails with it). A fetch that failed is
// kept too, as an empty object saying why, so asking again never fetches again.
import type { StoredAnswer } from "./inline-results.ts";

export type KeptThumbnail = { ok: true; body: ReadableStream | Uint8Array; type: string } | { ok: false; detail: string };

const PREFIX = "inline";
/** R2 deletes at most this many keys a call. */
const DELETE_BATCH = 1000;

export function thumbnailKey(botId: number, queryId: string, index: number): string {
  return `${PREFIX}/${botId}/${queryId}/${index}`;
}

/** The keys a query's answer may have left: its results with a thumbnail by URL. */
export function thumbnailKeys(botId: number, queryId: string, answer: StoredAnswer): string[] {
  return answer.results.flatMap((r, i) => (r.thumbnail && "url" in r.thumbnail ? [thumbnailKey(botId, queryId, i)] : []));
}

/** The kept thumbnail (or why it could not be fetched), or null when it was never fetched. */
export async function keptThumbnail(bucket: R2Bucket, key: string): Promise<KeptThumbnail | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  const refused = object.customMetadata?.refused;
  const type = object.httpMetadata?.contentType;
  if (refused !== undefined || !type) {
    await object.body.cancel();
    return { ok: false, detail: refused ?? "the thumbnail is not an image" };
  }
  return { ok: true, body: object.body, type };
}

/** Keeps what fetching a thumbnail gave: its bytes and type, or why there are none. */
export async function keepThumbnail(bucket: R2Bucket, key: string, kept: { bytes: Uint8Array; type: string } | { refused: string }): Promise<void> {
  if ("refused" in kept) await bucket.put(key, new Uint8Array(0), { customMetadata: { refused: kept.refused } });
  else await bucket.put(key, kept.bytes, { httpMetadata: { contentType: kept.type } });
}

/** Deletes forgotten queries' thumbnails. Best effort: one left behind is logged, and never fails the query that forgot it. */
export async function forgetThumbnails(bucket: R2Bucket, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += DELETE_BATCH) {
    try {
      await bucket.delete(keys.slice(i, i + DELETE_BATCH));
    } catch (err) {
      console.error("inline thumbnails not removed", keys.length, err);
    }
  }
}
