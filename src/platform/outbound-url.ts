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

function isPrivateV4([a, b, c]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 192 && b === 88 && c === 99) || // 6to4 relay anycast: hands the request to a relay
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224 // multicast and reserved
  );
}

/** The eight 16-bit groups of an IPv6 literal as the URL parser writes it (hex, maybe "::"). */
function ipv6Groups(h: string): number[] | null {
  const halves = h.split("::");
  if (halves.length > 2) return null;
  const side = (s: string) => (s ? s.split(":").map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : []);
  const head = side(halves[0]!);
  const tail = halves.length === 2 ? side(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return groups.some(Number.isNaN) ? null : groups;
}

const v4Of = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];

function isPrivateV6(host: string): boolean {
  const g = ipv6Groups(host.replace(/^\[|\]$/g, "").toLowerCase());
  if (!g) return true; // not an address we can read: not one we call
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  // ::/64 holds ::, ::1 and the IPv4-compatible, -mapped and -translated forms (::ffff:0:0/96
  // included): none is a public IPv6 host, so all are refused outright rather than decoded.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) return true;
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique-local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local fe80::/10, site-local fec0::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only 100::/64
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  // Prefixes that carry an IPv4 address to a translator or relay: as private as the address
  // they carry. The well-known NAT64 prefix 64:ff9b::/96 and 6to4 2002::/16 are decoded; the
  // local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215) exists only inside private deployments,
  // so it is refused outright, as is anything else under 64:ff9b::/32.
  if (g0 === 0x0064 && g1 === 0xff9b) return !(g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) || isPrivateV4(v4Of(g6, g7));
  if (g0 === 0x2002) return isPrivateV4(v4Of(g1, g2));
  return false;
}

const loopbackNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** `allowHttp`: plain http to public hosts too (files fetched by URL, as Telegram takes them); webhooks need https. */
export function checkOutboundUrl(raw: string, { allowLoopbackHttp, allowHttp = false }: { allowLoopbackHttp: boolean; allowHttp?: boolean }): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid", detail: "invalid URL" };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, ""); // "localhost." is localhost
  const loopback = loopbackNames.has(host);
  if (allowLoopbackHttp && loopback && (url.protocol === "http:" || url.protocol === "https:")) return { ok: true, url };
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) return { ok: false, reason: "not_https", detail: "An HTTPS URL must be provided for webhook" };
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
