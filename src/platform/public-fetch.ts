// Fetching a URL someone else gave us (a photo a bot names by URL, an inline result's
// thumbnail): the address is checked (outbound-url.ts) before the request and again at every
// redirect, which is followed by hand so a public URL cannot bounce us to a private one; the
// body is read up to a size limit and no further, whatever Content-Length claims; the whole
// request has a deadline.
import { checkOutboundUrl, type UrlRefusal } from "./outbound-url.ts";

export type FetchRefusal = UrlRefusal | "too_large" | "http_error" | "unreachable" | "too_many_redirects";

export type Fetched = { ok: true; bytes: Uint8Array; contentType: string; url: URL } | { ok: false; reason: FetchRefusal; detail: string };

export interface FetchOptions {
  maxBytes: number;
  /** Plain http to the loopback host (local development only). */
  allowLoopbackHttp: boolean;
  /** The whole request, redirects and body included. */
  timeoutMs?: number;
  /** Plain http to public hosts too (the address checks stay). */
  allowHttp?: boolean;
  /** The Accept header; images unless said. */
  accept?: string;
  /** For tests: what performs each request. */
  fetcher?: (url: URL, init: RequestInit) => Promise<Response>;
}

const MAX_REDIRECTS = 3;

export async function fetchPublic(raw: string, opts: FetchOptions): Promise<Fetched> {
  const fetcher = opts.fetcher ?? ((url: URL, init: RequestInit) => fetch(url, init));
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  let target = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const check = checkOutboundUrl(target, { allowLoopbackHttp: opts.allowLoopbackHttp, allowHttp: opts.allowHttp ?? false });
    if (!check.ok) return { ok: false, reason: check.reason, detail: check.reason === "not_https" ? "the URL must be https" : check.detail };
    let res: Response;
    try {
      res = await fetcher(check.url, { redirect: "manual", signal, headers: { Accept: opts.accept ?? "image/*" } });
    } catch {
      return { ok: false, reason: "unreachable", detail: "the URL could not be fetched" };
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("Location");
      await res.body?.cancel();
      if (!location) return { ok: false, reason: "http_error", detail: `the URL answered ${res.status} without a Location` };
      target = new URL(location, check.url).href;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: "http_error", detail: `the URL answered ${res.status}` };
    }
    const body = await readAtMost(res, opts.maxBytes);
    if (body === "too_large") return { ok: false, reason: "too_large", detail: `the file is larger than ${opts.maxBytes} bytes` };
    if (body === "failed") return { ok: false, reason: "unreachable", detail: "the URL could not be fetched" };
    return { ok: true, bytes: body, contentType: res.headers.get("Content-Type") ?? "", url: check.url };
  }
  return { ok: false, reason: "too_many_redirects", detail: "the URL redirects too many times" };
}

/** The body, or "too_large" once it passes `max` bytes (reading stops there). */
async function readAtMost(res: Response, max: number): Promise<Uint8Array | "too_large" | "failed"> {
  const declared = Number(res.headers.get("Content-Length") ?? NaN);
  if (declared > max) {
    await res.body?.cancel();
    return "too_large";
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        return "too_large";
      }
      chunks.push(value);
    }
  } catch {
    return "failed";
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
