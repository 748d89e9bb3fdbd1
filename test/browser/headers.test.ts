// The web app as the platform serves it: its security headers on the page, the assets and the
// single-page fallback, and the app still working under its policy (a live socket, an image
// shown from an object URL) without a single policy violation.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bubbles, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-headers-");
});

afterAll(async () => {
  await world?.stop();
});

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

function expectHardened(h: Headers, what: string) {
  const csp = h.get("Content-Security-Policy") ?? "";
  expect(csp, what).toMatch(/script-src 'self'(;|$)/);
  expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(h.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(h.get("X-Frame-Options"), what).toBe("DENY");
  expect(h.get("Referrer-Policy"), what).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
}

describe("security headers", () => {
  test("the page, its assets and a deep link carry them", async () => {
    const page = await fetch(world.url);
    const html = await page.text();
    expectHardened(page.headers, "/");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script for the policy to break
    expect(html).not.toMatch(/<style|\sstyle=/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(new URL(script!, world.url));
    await asset.arrayBuffer();
    expect(asset.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const deep = await fetch(new URL("/chats/12345", world.url), { headers: { Accept: "text/html", "Sec-Fetch-Mode": "navigate" } });
    expect(await deep.text()).toContain('<div id="app">');
    expectHardened(deep.headers, "/chats/12345");
  });

  test("the app works under its policy: live messages over the socket and an image, no violations", async () => {
    const { alice, bob } = world.users;
    const a = await world.newPage({ width: 1280, height: 800 });
    const b = await world.newPage({ width: 1280, height: 800 });
    const violations: string[] = [];
    for (const p of [a, b]) {
      p.on("console", (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      await p.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to load: ${e.violatedDirective} ${e.blockedURI}`));
      });
    }
    await world.logIn(a, "alice", "alice-demo-pass");
    await world.logIn(b, "bob", "bob-demo-pass");
    await a.getByTestId(`chat-${bob.user.id}`).click();
    await b.getByTestId(`chat-${alice.user.id}`).click();
    const text = `Under the policy at ${Date.now()}`;
    await a.getByTestId("composer-input").fill(text);
    await a.getByTestId("composer-input").press("Enter");
    await expect.poll(() => bubbles(b).filter({ hasText: text }).count()).toBe(1); // arrived live, over the WebSocket
    await a.getByTestId("image-input").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: png });
    await expect.poll(() => b.getByTestId("message-image").last().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(violations).toEqual([]);
    expect(world.pageErrors).toEqual([]);
  });
});
