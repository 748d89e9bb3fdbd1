// Which outbound URLs a user may give us to call (a bot's webhook, later a provider's
// endpoint). Outbound requests must not reach private networks:
// https only, no literal private, loopback, link-local or otherwise reserved addresses, no
// internal host names. Running locally, plain http to the loopback host is allowed so a bot
// on the developer's machine can receive webhooks. Public names that resolve to private
// addresses are not caught here (that needs DNS); on Cloudflare, Workers cannot reach
// private networks in any case.

export type UrlRefusal = "invalid" | "not_https" | "credentials" | "private_address" | "internal_host";

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: UrlRefusal; detail: string };

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function isPrivateV4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224 // multicast and reserved
  );
}

function isPrivateV6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "::" || h === "::1") return true;
  if (/^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith("ff")) return true; // unique-local, link-local, multicast
  // IPv4-mapped and -compatible forms (URL parsing writes ::ffff:127.0.0.1 as ::ffff:7f00:1),
  // NAT64 and documentation prefixes: refused outright rather than decoded.
  return h.startsWith("::ffff:") || /^::[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(h) || h.startsWith("64:ff9b:") || h.startsWith("2001:db8:");
}

const loopbackNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function checkOutboundUrl(raw: string, { allowLoopbackHttp }: { allowLoopbackHttp: boolean }): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid", detail: "invalid URL" };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, ""); // "localhost." is localhost
  const loopback = loopbackNames.has(host);
  if (allowLoopbackHttp && loopback && (url.protocol === "http:" || url.protocol === "https:")) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, reason: "not_https", detail: "An HTTPS URL must be provided for webhook" };
  if (url.username || url.password) return { ok: false, reason: "credentials", detail: "credentials in the URL are not allowed" };
  const v4 = ipv4(host);
  if ((v4 && isPrivateV4(v4)) || (host.startsWith("[") && isPrivateV6(host))) {
    return { ok: false, reason: "private_address", detail: "IP address is private, loopback or reserved" };
  }
  if (host.startsWith("[")) return { ok: true, url }; // a public IPv6 literal
  if (loopback || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal") || !host.includes(".")) {
    return { ok: false, reason: "internal_host", detail: "host name is internal" };
  }
  return { ok: true, url };
}
