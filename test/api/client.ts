// A small client for the suite: real HTTP requests into the Worker running in workerd.
import { exports } from "cloudflare:workers";

export interface Session {
  token: string;
  user: { id: number; handle: string; displayName: string };
}

let seq = 0;

export function uniqueHandle(prefix = "u"): string {
  seq += 1;
  return `${prefix}${Date.now().toString(36)}${seq}${Math.floor(Math.random() * 1e6)}`;
}

export async function call(
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; response: Response }> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("Authorization", `Bearer ${opts.token}`);
  let body = opts.body;
  if (opts.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(opts.json);
  }
  const response = await exports.default.fetch(new Request(`http://switchboard.test${path}`, { method, headers, body }));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, response };
}

export async function register(prefix = "u"): Promise<Session> {
  const handle = uniqueHandle(prefix);
  const r = await call("POST", "/api/v1/auth/register", { json: { handle, password: "correct horse battery" } });
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Session;
}

export async function befriend(a: Session, b: Session): Promise<void> {
  const r1 = await call("POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle } });
  if (r1.status !== 201) throw new Error(`friend request failed: ${JSON.stringify(r1.body)}`);
  const r2 = await call("POST", `/api/v1/friends/${a.user.id}/accept`, { token: b.token });
  if (r2.status !== 200) throw new Error(`accept failed: ${JSON.stringify(r2.body)}`);
}

export async function send(s: Session, chatId: number, text: string, extra: Record<string, unknown> = {}) {
  return call("POST", `/api/v1/chats/${chatId}/messages`, { token: s.token, json: { text, ...extra } });
}

/** Opens the user's event stream and collects its frames. */
export async function connect(s: Session) {
  const response = await exports.default.fetch(
    new Request(`http://switchboard.test/api/v1/stream?token=${s.token}`, { headers: { Upgrade: "websocket" } }),
  );
  const ws = response.webSocket;
  if (!ws) throw new Error(`no socket: ${response.status} ${await response.text()}`);
  ws.accept();
  const frames: any[] = [];
  const waiters: { pred: (f: any) => boolean; resolve: (f: any) => void }[] = [];
  ws.addEventListener("message", (e: MessageEvent) => {
    const frame = JSON.parse(e.data as string);
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const next = (pred: (f: any) => boolean, timeoutMs = 5000): Promise<any> => {
    const found = frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`)), timeoutMs);
      waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
    });
  };
  await next((f) => f.type === "ready");
  return { ws, frames, next, messages: () => frames.filter((f) => f.type === "message") };
}

/** Adds `member` to a workspace's staff as its staff do it: `by` invites, the member accepts. */
export async function joinStaff(by: Session, ws: number, member: Session, role?: "admin" | "staff") {
  const invited = await call("POST", `/api/v1/workspaces/${ws}/staff`, { token: by.token, json: role ? { handle: member.user.handle, role } : { handle: member.user.handle } });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: member.token });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return accepted.body.workspace as { id: number; name: string; role: string };
}

/** Asks `f` every 100 ms until `ok` holds (queue consumers run asynchronously), up to 10 s. */
export async function eventually<T>(f: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    last = await f();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: never; last ${JSON.stringify(last)}`);
}

/** A workspace owned by `owner` with `staff` who accepted their invitations. */
export async function workspaceWith(owner: Session, ...staff: Session[]): Promise<number> {
  const r = await call("POST", "/api/v1/workspaces", { token: owner.token, json: { name: "Acme Support" } });
  const ws = r.body.workspace.id as number;
  for (const s of staff) await joinStaff(owner, ws, s);
  return ws;
}

/** A customer's profile as `s` sees it in workspace `ws`, once `pred` holds. */
export async function profileWhen(s: Session, ws: number, customer: Session, pred: (p: any) => boolean, what: string) {
  const r = await eventually(() => call("GET", `/api/v1/workspaces/${ws}/customers/${customer.user.id}`, { token: s.token }), (x) => x.status === 200 && pred(x.body.profile), what);
  return r.body.profile;
}
