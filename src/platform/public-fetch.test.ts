import { test } from "node:test";
import assert from "node:assert/strict";
import { fetchPublic } from "./public-fetch.ts";

type Route = (url: URL) => Response;
const fake = (route: Route) => {
  const asked: string[] = [];
  return { asked, fetcher: async (url: URL) => (asked.push(url.href), route(url)) };
};

test("a public https URL is fetched, with its type", async () => {
  const f = fake(() => new Response(new Uint8Array([1, 2, 3]), { headers: { "Content-Type": "image/png" } }));
  const r = await fetchPublic("https://example.com/cat.png", { maxBytes: 10, allowLoopbackHttp: false, fetcher: f.fetcher });
  assert.ok(r.ok);
  assert.deepEqual([...r.bytes], [1, 2, 3]);
  assert.equal(r.contentType, "image/png");
});

test("private addresses and plain http are refused before any request", async () => {
  const f = fake(() => new Response("secret"));
  for (const url of ["https://10.0.0.1/x", "https://169.254.169.254/latest", "https://localhost/x", "http://example.com/x", "https://[::1]/"]) {
    const r = await fetchPublic(url, { maxBytes: 10, allowLoopbackHttp: false, fetcher: f.fetcher });
    assert.equal(r.ok, false, url);
  }
  assert.deepEqual(f.asked, []);
});

test("a redirect to a private address is not followed", async () => {
  const f = fake((url) => (url.hostname === "example.com" ? new Response(null, { status: 302, headers: { Location: "https://192.168.1.1/admin" } }) : new Response("secret")));
  const r = await fetchPublic("https://example.com/x", { maxBytes: 100, allowLoopbackHttp: false, fetcher: f.fetcher });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.reason, "private_address");
  assert.deepEqual(f.asked, ["https://example.com/x"]);
});

test("redirects to public URLs are followed, a few times at most", async () => {
  let n = 0;
  const f = fake(() => new Response(null, { status: 301, headers: { Location: `/hop${++n}` } }));
  const r = await fetchPublic("https://example.com/start", { maxBytes: 100, allowLoopbackHttp: false, fetcher: f.fetcher });
  assert.equal(!r.ok && r.reason, "too_many_redirects");
  assert.equal(f.asked.length, 4);
  assert.equal(f.asked[1], "https://example.com/hop1");
});

test("bodies past the limit are refused, whether or not they declare their length", async () => {
  const declared = fake(() => new Response("x".repeat(5), { headers: { "Content-Length": "5000" } }));
  assert.equal((await fetchPublic("https://example.com/a", { maxBytes: 10, allowLoopbackHttp: false, fetcher: declared.fetcher })).ok, false);
  const streamed = fake(
    () =>
      new Response(
        new ReadableStream({
          pull(c) {
            c.enqueue(new Uint8Array(4));
          },
        }),
      ),
  );
  const r = await fetchPublic("https://example.com/b", { maxBytes: 10, allowLoopbackHttp: false, fetcher: streamed.fetcher });
  assert.equal(!r.ok && r.reason, "too_large");
});

test("an error status is a refusal", async () => {
  const f = fake(() => new Response("no", { status: 404 }));
  const r = await fetchPublic("https://example.com/x", { maxBytes: 10, allowLoopbackHttp: false, fetcher: f.fetcher });
  assert.equal(!r.ok && r.reason, "http_error");
});

test("a request or a body that does not finish in time is refused: the deadline covers both", async () => {
  const never = (_url: URL, init: RequestInit) => new Promise<Response>((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)));
  const silent = await fetchPublic("https://example.com/slow.png", { maxBytes: 10, allowLoopbackHttp: false, timeoutMs: 20, fetcher: never });
  assert.equal(!silent.ok && silent.reason, "unreachable");
  // headers come at once, then the body stalls until the deadline cuts the connection
  const stalling = async (_url: URL, init: RequestInit) =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1]));
          init.signal!.addEventListener("abort", () => controller.error(init.signal!.reason));
        },
      }),
    );
  const stalled = await fetchPublic("https://example.com/drip.png", { maxBytes: 10, allowLoopbackHttp: false, timeoutMs: 20, fetcher: stalling });
  assert.equal(!stalled.ok && stalled.reason, "unreachable");
});

test("plain http to a public host when the caller allows it", async () => {
  const f = fake(() => new Response(new Uint8Array([7])));
  const r = await fetchPublic("http://example.com/a.png", { maxBytes: 10, allowLoopbackHttp: false, allowHttp: true, fetcher: f.fetcher });
  assert.ok(r.ok);
  const local = await fetchPublic("http://192.168.0.2/a.png", { maxBytes: 10, allowLoopbackHttp: false, allowHttp: true, fetcher: f.fetcher });
  assert.equal(!local.ok && local.reason, "private_address");
  assert.deepEqual(f.asked, ["http://example.com/a.png"]);
});
