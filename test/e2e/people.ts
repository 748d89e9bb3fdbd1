// People for the end-to-end bot tests: accounts, bots and live streams on a running platform,
// played through the client API the web app uses.
import { createHash } from "node:crypto";
import { png as pngBytes } from "../png.ts";

export interface Session {
  token: string;
  user: { id: number; handle: string; displayName: string };
}

export interface Person extends Session {
  /** The client API, as this person. */
  api(method: string, path: string, body?: unknown | FormData): Promise<any>;
}

export function clientApi(base: string) {
  async function api(method: string, path: string, token?: string, body?: unknown | FormData): Promise<any> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined && !(body instanceof FormData)) headers["Content-Type"] = "application/json";
    const r = await fetch(`${base}${path}`, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
    const json = await r.json().catch(() => null);
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  }

  let seq = 0;
  const unique = () => `${Date.now().toString(36)}${++seq}${Math.floor(Math.random() * 1e4)}`;

  async function register(prefix = "e2e"): Promise<Person> {
    const s: Session = await api("POST", "/api/v1/auth/register", undefined, { handle: `${prefix}${unique()}`, password: "e2e-password" });
    return { ...s, api: (method, path, body) => api(method, path, s.token, body) };
  }

  async function createBot(owner: Person, name = "E2E bot"): Promise<{ token: string; username: string; id: number }> {
    const username = `e2e${unique()}_bot`;
    const r = await owner.api("POST", "/api/v1/bots", { username, name });
    return { token: r.token, username, id: r.bot.id };
  }

  /** The person's live stream, collecting frames; `next` finds one not taken before. */
  async function stream(s: Session) {
    const ws = new WebSocket(`${base.replace("http", "ws")}/api/v1/stream?token=${s.token}`);
    const frames: any[] = [];
    const taken = new Set<any>();
    ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve);
      ws.addEventListener("error", reject);
    });
    const next = async (pred: (f: any) => boolean, timeoutMs = 15_000) => {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const f = frames.find((x) => !taken.has(x) && pred(x));
        if (f) {
          taken.add(f);
          return f;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no matching frame in ${timeoutMs} ms; last frames: ${JSON.stringify(frames.slice(-8))}`);
    };
    return { ws, frames, next, close: () => ws.close() };
  }

  return { api, register, createBot, stream };
}

export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A real PNG of `width` x `height` pixels (distinct per `seed`), as a Buffer. */
export const png = (width: number, height: number, seed = 0): Buffer => Buffer.from(pngBytes(width, height, seed));

/** A multipart body with one image, as the web app uploads a photo. */
export function photoForm(bytes: Buffer, name = "me.png", caption?: string): FormData {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
  if (caption) form.set("caption", caption);
  return form;
}
