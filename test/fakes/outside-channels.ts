// Fakes of the outside channels' services for the workerd suite (issue 10 point 1), reached
// through miniflare's outbound service at https://fakes.switchboard.example only; every other
// outbound request keeps getting the suite's 502. They check a request as the real service
// would and answer like it:
//   POST /oa          the official account: a fresh timestamp, a valid signature (secret
//                     FAKE_OA_SECRET) and a template-message body -> 200, else 401 or 400
//   POST /oa/status/N answers N (after the same checks); POST /oa/hang never answers in time
//   POST /sms/<name>/<status> an SMS provider: `Authorization: Bearer token-<name>` and a
//                     `{to, text}` body -> <status>, else 401 or 400
//   GET  /log         what the fakes took, in order: [{path, headers, body}]; DELETE /log clears
export const FAKE_HOST = "fakes.switchboard.example";
export const FAKE_OA_SECRET = "fake-oa-secret";

interface Taken {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}
const log: Taken[] = [];

async function hmacHex(key: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const k = await crypto.subtle.importKey("raw", enc.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return [...new Uint8Array(await crypto.subtle.sign("HMAC", k, enc.encode(message)))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

async function officialAccount(req: Request, path: string, raw: string): Promise<Response> {
  if (path === "/oa/hang") await new Promise((r) => setTimeout(r, 3000));
  const ts = Number(req.headers.get("X-Switchboard-Timestamp"));
  if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return json(401, { error: "stale or missing timestamp" });
  if (req.headers.get("X-Switchboard-Signature") !== `sha256=${await hmacHex(FAKE_OA_SECRET, `${ts}.${raw}`)}`) return json(401, { error: "bad signature" });
  let body: any;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(400, { error: "not JSON" });
  }
  if (typeof body?.touser !== "string" || body.template !== "notification" || typeof body.title !== "string" || typeof body.text !== "string") return json(400, { error: "not a template message" });
  const status = /^\/oa\/status\/(\d{3})$/.exec(path);
  return json(status ? Number(status[1]) : 200, { errcode: 0, msgid: log.length });
}

function smsProvider(req: Request, path: string, raw: string): Response {
  const m = /^\/sms\/([a-z0-9-]+)\/(\d{3})$/.exec(path);
  if (!m) return json(404, { error: "no such provider" });
  if (req.headers.get("Authorization") !== `Bearer token-${m[1]}`) return json(401, { error: "bad token" });
  let body: any;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(400, { error: "not JSON" });
  }
  if (typeof body?.to !== "string" || typeof body.text !== "string" || Object.keys(body).length !== 2) return json(400, { error: "expected {to, text}" });
  return json(Number(m[2]), { id: `${m[1]}-${log.length}` });
}

/** The suite's outbound service: the fakes on FAKE_HOST, a 502 for anything else. */
export async function outsideChannels(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.hostname !== FAKE_HOST) return new Response("no network in tests", { status: 502, statusText: "Bad Gateway" });
  if (url.pathname === "/log") {
    if (req.method === "DELETE") log.length = 0;
    return json(200, log);
  }
  if (req.method !== "POST") return json(405, { error: "POST only" });
  const raw = await req.text();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {}
  log.push({ path: url.pathname, headers: Object.fromEntries(req.headers), body: parsed });
  if (url.pathname.startsWith("/oa")) return officialAccount(req, url.pathname, raw);
  if (url.pathname.startsWith("/sms/")) return smsProvider(req, url.pathname, raw);
  return json(404, { error: "no such fake" });
}
