import { test } from "node:test";
import assert from "node:assert/strict";
import { checkOutboundUrl } from "./outbound-url.ts";

const remote = { allowLoopbackHttp: false };
const refused = (url: string) => {
  const r = checkOutboundUrl(url, remote);
  return !r.ok && r.reason === "private_address";
};

test("IPv6 ranges that reach private networks are refused", () => {
  for (const url of [
    "https://[fec0::1]/", // site-local (deprecated, still routed inside some networks)
    "https://[feff::1]/",
    "https://[100::1]/", // discard-only
    "https://[100::ffff:1]/",
    "https://[2002:0a00:0001::1]/", // 6to4 of 10.0.0.1
    "https://[2002:7f00:1::]/", // 6to4 of 127.0.0.1
    "https://[2002:a9fe:a9fe::1]/", // 6to4 of 169.254.169.254
    "https://[64:ff9b::10.0.0.1]/", // NAT64 of 10.0.0.1 (the URL parser writes it as 64:ff9b::a00:1)
    "https://[64:ff9b::127.0.0.1]/",
    "https://[64:ff9b::169.254.169.254]/",
    "https://[64:ff9b:1::a00:1]/", // local-use NAT64: a private deployment by definition
    "https://[64:ff9b:1:2::8.8.8.8]/",
    "https://[::]/",
    "https://[::127.0.0.1]/", // IPv4-compatible
    "https://[::ffff:0:8.8.8.8]/", // IPv4-translated
    "https://[2001:db8::1]/", // documentation
    "https://[ff02::1]/",
  ]) {
    assert.equal(refused(url), true, url);
  }
});

test("IPv6 addresses that embed a public IPv4 address, and other public ones, pass", () => {
  for (const url of [
    "https://[2606:4700::1111]/hook",
    "https://[2002:0808:0808::1]/", // 6to4 of 8.8.8.8
    "https://[64:ff9b::8.8.8.8]/", // NAT64 of 8.8.8.8
    "https://[101::1]/", // outside 100::/64
    "https://[fe00::1]/", // outside fe80::/10 and fec0::/10
  ]) {
    assert.equal(checkOutboundUrl(url, remote).ok, true, url);
  }
});

test("IPv4: the 6to4 relay anycast range is refused, its neighbours pass", () => {
  assert.equal(refused("https://192.88.99.1/"), true);
  assert.equal(refused("https://192.88.99.255/"), true);
  assert.equal(checkOutboundUrl("https://192.88.98.1/", remote).ok, true);
  assert.equal(checkOutboundUrl("https://192.88.100.1/", remote).ok, true);
});

test("plain http to a public host only where the caller allows it; private addresses stay refused", () => {
  assert.equal(checkOutboundUrl("http://example.com/a.png", remote).ok, false);
  assert.equal(checkOutboundUrl("http://example.com/a.png", { ...remote, allowHttp: true }).ok, true);
  const local = checkOutboundUrl("http://10.0.0.1/a.png", { ...remote, allowHttp: true });
  assert.equal(!local.ok && local.reason, "private_address");
  assert.equal(checkOutboundUrl("ftp://example.com/a.png", { ...remote, allowHttp: true }).ok, false);
});
