// People for the end-to-end bot tests: accounts, bots and live streams on a running platform,
// played through the client API the web app uses.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

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

/** A real PNG of `width` x `height` pixels (a colour gradient, distinct per `seed`). */
export function png(width: number, height: number, seed = 0): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, (seed * 53) & 0xff], at + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A multipart body with one image, as the web app uploads a photo. */
export function photoForm(bytes: Buffer, name = "me.png", caption?: string): FormData {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
  if (caption) form.set("caption", caption);
  return form;
}
