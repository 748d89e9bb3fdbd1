// Shared setup for the browser tests: a fresh platform (`wrangler dev` on its own state),
// the seeded users, and Debian's Chromium.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from "playwright-core";
// @ts-expect-error plain ESM scripts without type declarations
import { buildWeb, freePort as sharedFreePort, migrate, root, startPlatform } from "../../scripts/platform.mjs";
// @ts-expect-error plain ESM scripts without type declarations
import { seed } from "../../scripts/seed.mjs";
// @ts-expect-error plain ESM scripts without type declarations
import { findChromium } from "../../scripts/ensure-chromium.mjs";

export interface Session {
  user: { id: number; handle: string; displayName: string };
  token: string;
}

export interface World {
  /** Base URL of the running platform. */
  url: string;
  users: Record<"alice" | "bob" | "carol", Session>;
  browser: Browser;
  /** Messages of uncaught errors on any page opened with `newPage`. */
  pageErrors: string[];
  newPage(viewport: { width: number; height: number }, mobile?: boolean): Promise<Page>;
  /** Opens the app, signs in and waits for the chat list. */
  logIn(page: Page, handle: string, password: string): Promise<void>;
  /** Calls the client API as the holder of `token` (GET without a body, else POST) and returns its JSON. */
  api(path: string, token: string, body?: unknown, method?: string): Promise<any>;
  /** Calls a Bot API method as a bot would and returns its result; a refusal throws. */
  botApi(token: string, method: string, params?: Record<string, unknown>): Promise<any>;
  /** Closes the pages and the browser, stops the platform and removes its state. */
  stop(): Promise<void>;
}

export const SHOTS = process.env.SCREENSHOT_DIR ?? tmpdir();
const CHROMIUM: string = findChromium() ?? "/usr/bin/chromium";


export const freePort: () => Promise<number> = sharedFreePort;

/** The newest modification time under `dir` (recursively). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app unless web/dist is newer than its sources. */
function ensureWebBuilt() {
  const index = join(root, "web/dist/index.html");
  const fresh = existsSync(index) && existsSync(join(root, "web/dist/assets")) && statSync(index).mtimeMs >= Math.max(newest(join(root, "web/src")), statSync(join(root, "web/index.html")).mtimeMs);
  if (!fresh) buildWeb();
}

/** Fills in and submits the login form on an already open page. */
export async function fillLogin(page: Page, handle: string, password: string) {
  await page.getByTestId("login-handle").fill(handle);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  // Attached, not visible: on a phone a deep link may already have swapped the list for the chat.
  await page.getByTestId("me-name").waitFor({ state: "attached" });
}

/**
 * Puts the platform out of reach of one page's browser context, and back: while cut, every
 * API request fails as a lost connection would, live sockets are closed and new ones close
 * before they open; the page and its assets still load, so a reload can be tried offline.
 * Call it before the page opens the app, so every socket goes through it.
 */
export async function networkSwitch(page: Page): Promise<{ cut(): Promise<void>; restore(): void }> {
  const ctx = page.context();
  let down = false;
  const live = new Set<WebSocketRoute>();
  await ctx.route("**/api/**", (route) => (down ? route.abort("internetdisconnected") : route.continue()));
  await ctx.routeWebSocket(/\/api\/v1\/stream/, async (ws) => {
    // Closed before it opens: to the page, a connection that could not be made.
    if (down) return ws.close();
    ws.connectToServer();
    live.add(ws);
  });
  return {
    async cut() {
      down = true;
      for (const ws of [...live]) await ws.close().catch(() => {});
      live.clear();
    },
    restore() {
      down = false;
    },
  };
}

export const bubbles = (page: Page) => page.getByTestId("message-list").getByTestId("message");

/** The bubble of message `id`. */
export const byId = (page: Page, id: number | string) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);

/** Starts a platform on fresh state (a temp dir named `prefix…`), seeds it and launches Chromium. */
export async function startWorld(prefix: string): Promise<World> {
  ensureWebBuilt();
  const state = mkdtempSync(join(tmpdir(), prefix));
  const contexts: BrowserContext[] = [];
  let platform: { url: string; stop: () => Promise<void> } | undefined;
  let browser: Browser | undefined;

  const stop = async () => {
    for (const ctx of contexts) await ctx.close().catch(() => {});
    await browser?.close().catch(() => {});
    await platform?.stop();
    rmSync(state, { recursive: true, force: true });
  };

  try {
    migrate(state);
    // The platform's own address is where notifications' tracked links (/r/{token}) point.
    const port = await freePort();
    platform = (await startPlatform({ port, persistTo: state, vars: { PUBLIC_ORIGIN: `http://127.0.0.1:${port}` } })) as { url: string; stop: () => Promise<void> };
    const users = (await seed(platform.url)) as World["users"];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const { url } = platform;
    const launched = browser;
    const pageErrors: string[] = [];

    const newPage: World["newPage"] = async (viewport, mobile = false) => {
      const ctx = await launched.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on("pageerror", (e) => {
        pageErrors.push(e.message);
        console.error(`[page error] ${e.message}`);
      });
      return page;
    };

    const logIn: World["logIn"] = async (page, handle, password) => {
      await page.goto(url);
      await fillLogin(page, handle, password);
      await page.getByTestId("chat-list").waitFor();
    };

    const api: World["api"] = async (path, token, body, method) => {
      const r = await fetch(`${url}${path}`, {
        method: method ?? (body === undefined ? "GET" : "POST"),
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return r.json();
    };

    const botApi: World["botApi"] = async (token, method, params = {}) => {
      const r = await fetch(`${url}/bot${token}/${method}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(params) });
      const answer = (await r.json()) as any;
      if (!answer.ok) throw new Error(`${method}: ${answer.description}`);
      return answer.result;
    };

    return { url, users, browser: launched, pageErrors, newPage, logIn, api, botApi, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
