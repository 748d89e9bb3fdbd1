// A file a bot names by HTTP URL instead of uploading it: fetched through platform/public-fetch.ts
// (private addresses refused, redirects re-checked, body bounded while it streams, a deadline),
// within Telegram's limits for files sent by URL, its type taken from the answer (or the URL's
// file name) and its first bytes sniffed as an upload's are. Refusals in Telegram's words.
import { checkUpload, effectiveMime, mediaLimits } from "../chat/media.ts";
import type { NewFile } from "../chat/media-store.ts";
import { contentMatches } from "../chat/sniff.ts";
import { checkOutboundUrl } from "../platform/outbound-url.ts";
import { fetchPublic } from "../platform/public-fetch.ts";
import { ok, refuse } from "../platform/result.ts";
import type { MediaKind } from "../protocol/messages.ts";
import type { BotResult } from "./reasons.ts";

const MiB = 1024 * 1024;
/** Telegram's: "5 MB max size for photos and 20 MB max for other types of content" sent by URL. */
export function urlLimit(kind: MediaKind): number {
  return kind === "image" ? 5 * MiB : Math.min(20 * MiB, mediaLimits[kind]);
}
const FETCH_TIMEOUT_MS = 10_000;

/** Whether a file parameter is a URL to fetch rather than a file_id. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The file's name: the URL's last path segment, else "file". */
function nameOf(url: URL): string {
  const last = url.pathname.split("/").at(-1) ?? "";
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep it as written
  }
  name = name.replace(/[\u0000-\u001f\u007f/\\]/g, "").slice(0, 255);
  return name || "file";
}

export async function fetchRemoteFile(raw: string, kind: MediaKind, opts: { allowLoopbackHttp: boolean }): Promise<BotResult<NewFile & { body: Uint8Array }>> {
  // Telegram: "Sending video notes by a URL is currently unsupported".
  if (kind === "video_note" || !checkOutboundUrl(raw, { ...opts, allowHttp: true }).ok) return refuse("wrong_file_id");
  const fetched = await fetchPublic(raw, { ...opts, allowHttp: true, maxBytes: urlLimit(kind), timeoutMs: FETCH_TIMEOUT_MS, accept: "*/*" });
  if (!fetched.ok) return refuse("url_content_failed");
  const name = nameOf(fetched.url);
  const mime = effectiveMime(fetched.contentType, name);
  const check = checkUpload(mime, fetched.bytes.length, kind);
  if (!check.ok || check.kind !== kind || !contentMatches(check.mime, fetched.bytes)) return refuse("url_wrong_type");
  return ok({ kind, mime: check.mime, name, size: fetched.bytes.length, body: fetched.bytes });
}
