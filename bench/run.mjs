// `npm run bench`: send-to-delivery latency and throughput of Switchboard over WebSockets,
// for a private chat and a group, and a bot's two paths (Bot API sendMessage -> the user's
// socket; a user's message -> the bot's webhook), beside a baseline measured in the same run:
// the no-logic Worker -> Durable Object -> WebSocket relay in bench/relay. Prints one table
// and writes bench/results/latest.json. See bench/README.md.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// wrangler needs Node 22; `npm run` puts node_modules/.bin (with Node 22) first on the PATH,
// and so does this line when the script is run directly.
process.env.PATH = `${root}node_modules/.bin:${process.env.PATH ?? ""}`;
const { buildWeb, migrate, startPlatform } = await import("../scripts/platform.mjs");
const { allOnPrimary, setUpNotify } = await import("./notify.mjs");

// ---- configuration ---------------------------------------------------------------------

const env = process.env;
const SCENARIOS = ["extract", "profile", "notify", "private", "group", "bot", "webhook", "scale"];
const scale = num("BENCH_SCALE", 1);
const scaled = (name, base, min = 1) => Math.max(min, Math.round(num(name, base * scale)));
const config = {
  scale,
  groupSize: Math.max(2, Math.round(num("BENCH_GROUP_SIZE", 200))), // members, sender included
  privateLatencyN: scaled("BENCH_PRIVATE_LATENCY_N", 200),
  groupLatencyN: scaled("BENCH_GROUP_LATENCY_N", 100),
  privateThroughputN: scaled("BENCH_PRIVATE_THROUGHPUT_N", 1000),
  groupThroughputN: scaled("BENCH_GROUP_THROUGHPUT_N", 200),
  botLatencyN: scaled("BENCH_BOT_LATENCY_N", 200),
  botThroughputN: scaled("BENCH_BOT_THROUGHPUT_N", 1000),
  webhookLatencyN: scaled("BENCH_WEBHOOK_LATENCY_N", 200),
  webhookThroughputN: scaled("BENCH_WEBHOOK_THROUGHPUT_N", 1000),
  warmup: scaled("BENCH_WARMUP", 10, 0),
  concurrency: Math.max(1, Math.round(num("BENCH_CONCURRENCY", 16))),
  setupConcurrency: Math.max(1, Math.round(num("BENCH_SETUP_CONCURRENCY", 8))),
  scenarioTimeoutMs: num("BENCH_TIMEOUT_S", 60) * 1000,
  platformPort: Math.round(num("BENCH_PORT", 8788)),
  relayPort: Math.round(num("BENCH_RELAY_PORT", 8789)),
  snapshot: env.BENCH_SNAPSHOT !== "0",
  bigGroupSize: scaled("BENCH_BIG_GROUP_SIZE", 1000, 60),
  bigGroupOnline: scaled("BENCH_BIG_GROUP_ONLINE", 50, 3),
  scaleLatencyN: scaled("BENCH_SCALE_LATENCY_N", 100),
  scaleThroughputN: scaled("BENCH_SCALE_THROUGHPUT_N", 200),
  chatListChats: scaled("BENCH_CHAT_LIST_CHATS", 500, 10),
  chatListN: scaled("BENCH_CHAT_LIST_N", 100),
  profileN: scaled("BENCH_PROFILE_N", 30),
  notifyLatencyN: scaled("BENCH_NOTIFY_LATENCY_N", 100),
  notifyThroughputN: scaled("BENCH_NOTIFY_THROUGHPUT_N", 300),
  extractSeconds: num("BENCH_EXTRACT_S", 3),
  only: onlyList(env.BENCH_ONLY),
};

/** BENCH_ONLY: a comma-separated subset of SCENARIOS to run (a smoke run); unset: all of them. */
function onlyList(v) {
  if (v === undefined || v.trim() === "") return [...SCENARIOS];
  const list = v.split(",").map((x) => x.trim()).filter(Boolean);
  const bad = list.filter((x) => !SCENARIOS.includes(x));
  if (bad.length) throw new Error(`BENCH_ONLY: unknown ${bad.join(", ")}; choose from ${SCENARIOS.join(", ")}`);
  return list;
}

function num(name, fallback) {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(v)}`);
  return n;
}

// ---- small helpers ---------------------------------------------------------------------

const log = (...a) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s]`, ...a);
const t0 = performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Stalled extends Error {}
/** The server dropped sockets or requests mid-scenario (`wrangler dev` reloaded). */
class Disrupted extends Error {}

/**
 * Set when the servers drop sockets or answer "restarted mid-request": `wrangler dev` reloads
 * the Worker when files it watches change (node_modules during an `npm install`, say).
 * The scenario in progress is abandoned and run again once the server is back.
 */
let disruption = null;
let disruptionReject = null;
function armDisruption() {
  disruption = new Promise((_, reject) => (disruptionReject = reject));
  disruption.catch(() => {});
}
armDisruption();
function disrupt(reason) {
  const reject = disruptionReject;
  if (!reject) return;
  disruptionReject = null;
  log(`DISRUPTION: ${reason}`);
  reject(new Disrupted(reason));
}

/** Rejects when `promise` has not settled within `ms`, with `what()` as the message. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Stalled(what())), ms);
  });
  return Promise.race([promise, timeout, disruption]).finally(() => clearTimeout(timer));
}

/** Runs `fn` over `items` with at most `limit` at a time; prints progress every `every`. */
async function pool(items, limit, fn, label) {
  let next = 0;
  let done = 0;
  const out = new Array(items.length);
  const every = Math.max(1, Math.ceil(items.length / 10));
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
      if (++done % every === 0 || done === items.length) {
        if (label) log(`${label}: ${done}/${items.length}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    min: s[0] ?? NaN,
    max: s.at(-1) ?? NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
}

/** Every request the benchmark makes, with failures counted per system and kind. */
const failures = [];
const unexpectedCloses = [];
const describe = (e) => String(e?.message ?? e) + (e?.cause ? ` (${e.cause.code ?? e.cause.message ?? e.cause})` : "");
async function request(url, { method = "GET", token, body, raw } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    res = await fetch(url, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  } catch (e) {
    disrupt(`${method} ${url.replace(/\?.*/, "")}: ${describe(e)}`);
    throw e;
  }
  const text = await res.text();
  if (res.status === 503 && /restarted/i.test(text)) disrupt(`${method} ${url.replace(/\?.*/, "")}: 503 ${text.slice(0, 100)}`);
  if (!res.ok) {
    const err = new Error(`${method} ${url.replace(/\?.*/, "")} -> ${res.status}: ${text.slice(0, 300)}`);
    err.status = res.status;
    throw err;
  }
  return text ? JSON.parse(text) : null;
}

/** Setup calls retry a few times (a 5xx or a dropped connection), then give up loudly. */
async function setupCall(url, opts, what) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request(url, opts);
    } catch (e) {
      failures.push({ phase: "setup", what, error: describe(e) });
      if (attempt >= 3 || (e.status && e.status < 500)) throw e;
      await sleep(200 * attempt);
    }
  }
}

// ---- receivers: WebSocket clients that record when each tagged message arrives -------

/**
 * Messages carry a tag `bench:<run>:<seq>` in their text (Switchboard) or body (relay); every
 * socket looks for it in the raw frame, so both systems pay the same client-side cost.
 */
const TAG = /bench:([a-z0-9]+):(\d+)/;

class Tracker {
  constructor(receivers) {
    this.receivers = receivers; // how many sockets must see each message
    this.pending = new Map(); // tag -> record
    this.duplicates = 0;
    this.strays = 0;
    this.allDone = null;
  }
  expect(tag) {
    const rec = { tag, seen: new Set(), first: 0, last: 0, done: null, resolve: null };
    rec.done = new Promise((r) => (rec.resolve = r));
    this.pending.set(tag, rec);
    return rec;
  }
  /** Called by a socket (index `who`) for every frame carrying a tag. */
  saw(tag, who, at) {
    const rec = this.pending.get(tag);
    if (!rec) {
      this.strays++;
      return;
    }
    if (rec.seen.has(who)) {
      this.duplicates++;
      return;
    }
    rec.seen.add(who);
    if (rec.seen.size === 1) rec.first = at;
    if (rec.seen.size === this.receivers) {
      rec.last = at;
      rec.resolve();
      this.onComplete?.(rec);
    }
  }
  /** Which sends are short of receivers, for a stall message. */
  missingSummary() {
    const short = [...this.pending.values()].filter((r) => r.seen.size < this.receivers);
    const seqs = short.map((r) => Number(r.tag.split(":")[1]));
    const lastFull = Math.max(0, ...[...this.pending.values()].filter((r) => r.seen.size === this.receivers).map((r) => Number(r.tag.split(":")[1])));
    return `${short.length} incomplete (seq ${seqs.slice(0, 8).join(", ")}${seqs.length > 8 ? ", ..." : ""}; last complete seq ${lastFull}); server-closed sockets: ${unexpectedCloses.length}`;
  }
  deliveries() {
    let n = 0;
    for (const rec of this.pending.values()) n += rec.seen.size;
    return n;
  }
}

/** Opens a socket, resolves after its first frame ({type:"ready"}); `onFrame` sees every later frame, `onTag` the tagged ones. */
function openSocket(url, label) {
  const sock = { url, label, ws: null, open: false, closing: false, onTag: null, onFrame: null };
  return connect(sock);
}

/** (Re)connects `sock`; its `onTag` handler stays. */
function connect(sock) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(sock.url);
    sock.ws = ws;
    let ready = false;
    const timer = setTimeout(() => {
      try {
        ws.close();
      } catch {}
      reject(new Error(`${sock.label}: no ready frame within 15 s`));
    }, 15_000);
    ws.onmessage = (ev) => {
      const at = performance.now();
      if (!ready) {
        ready = true;
        sock.open = true;
        clearTimeout(timer);
        resolve(sock);
        return;
      }
      const data = typeof ev.data === "string" ? ev.data : "";
      sock.onFrame?.(data, at);
      const m = TAG.exec(data);
      if (m && sock.onTag) sock.onTag(`${m[1]}:${m[2]}`, at);
    };
    ws.onerror = () => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`${sock.label}: WebSocket error before ready`));
    };
    ws.onclose = (ev) => {
      clearTimeout(timer);
      sock.open = false;
      if (!ready) return reject(new Error(`${sock.label}: closed before ready (${ev.code})`));
      if (sock.closing || sock.ws !== ws) return;
      unexpectedCloses.push({ label: sock.label, code: ev.code, reason: ev.reason, at: performance.now() });
      disrupt(`${sock.label} closed by the server (${ev.code})`);
    };
  });
}

// ---- the two systems under test --------------------------------------------------------

/**
 * A system exposes the same shape to the scenarios: `send(room, text)` posts one message
 * and resolves when the sender has its answer, and `sockets(room)` lists the receivers'
 * sockets (the sender's own socket is open too but is not counted as a receiver).
 */
async function setUpSwitchboard(base) {
  const n = config.groupSize;
  const runId = Date.now().toString(36).slice(-5);
  const password = "bench-password-1";
  log(`switchboard: registering ${n} users (PBKDF2, ${config.setupConcurrency} at a time) ...`);
  const users = await pool(
    Array.from({ length: n }, (_, i) => i),
    config.setupConcurrency,
    async (i) => {
      const handle = `b${runId}_u${String(i).padStart(4, "0")}`;
      const r = await setupCall(`${base}/api/v1/auth/register`, { method: "POST", body: { handle, password, displayName: `Bench ${i}` } }, "register");
      return { ...r.user, token: r.token };
    },
    "registered",
  );
  const [owner, ...others] = users;
  log(`switchboard: ${others.length} friend requests and accepts ...`);
  await pool(others, config.setupConcurrency, (u) => setupCall(`${base}/api/v1/friends`, { method: "POST", token: owner.token, body: { handle: u.handle } }, "friend request"), "friend requests");
  await pool(others, config.setupConcurrency, (u) => setupCall(`${base}/api/v1/friends/${owner.id}/accept`, { method: "POST", token: u.token }, "friend accept"), "accepted");
  log(`switchboard: creating the ${n}-member group ...`);
  const tGroup = performance.now();
  const groupBody = (ids) => ({ type: "group", title: "bench group", memberIds: ids });
  const setup = { groupCreate: "one call" };
  let chat;
  try {
    // Not retried: a failed create may leave a group row behind, and a retry makes another.
    ({ chat } = await request(`${base}/api/v1/chats`, { method: "POST", token: owner.token, body: groupBody(others.map((u) => u.id)) }));
  } catch (e) {
    failures.push({ phase: "setup", what: "create group in one call", error: describe(e) });
    // D1 binds at most 100 parameters per statement: the platform writes a group's chat
    // index in one INSERT (2 per member) and looks members up with one IN (...), so large
    // groups fail with a 500. Fall back: create with a few, add the rest in small batches.
    const batch = 40;
    log(`switchboard: creating the group in one call failed (${e.status ?? e.message}); creating it with ${batch} members and adding the rest ${batch} at a time`);
    setup.groupCreate = `fallback: one call failed with ${e.status ?? "an error"}; created with ${batch}, added ${batch} at a time`;
    setup.groupCreateError = describe(e).slice(0, 300);
    ({ chat } = await setupCall(`${base}/api/v1/chats`, { method: "POST", token: owner.token, body: groupBody(others.slice(0, batch).map((u) => u.id)) }, "create group"));
    for (let i = batch; i < others.length; i += batch) {
      const userIds = others.slice(i, i + batch).map((u) => u.id);
      await setupCall(`${base}/api/v1/chats/${chat.id}/members`, { method: "POST", token: owner.token, body: { userIds } }, "add members");
    }
  }
  setup.groupCreateMs = performance.now() - tGroup;
  const described = await setupCall(`${base}/api/v1/chats/${chat.id}`, { token: owner.token }, "describe group");
  if (described.chat.members.length !== n) throw new Error(`the group has ${described.chat.members.length} members, expected ${n}`);
  const groupCreateMs = setup.groupCreateMs;
  log(`switchboard: group ${chat.id} created in ${groupCreateMs.toFixed(0)} ms; opening ${n} sockets ...`);
  const wsBase = base.replace(/^http/, "ws");
  const sockets = await pool(users, 16, (u) => openSocket(`${wsBase}/api/v1/stream?token=${encodeURIComponent(u.token)}`, `switchboard socket of ${u.handle}`), "sockets");
  const receiver = users[1];
  const rooms = {
    private: { chatId: receiver.id, receivers: [sockets[1]], all: [sockets[0], sockets[1]] },
    group: { chatId: chat.id, receivers: sockets.slice(1), all: sockets },
  };
  return {
    name: "switchboard",
    url: base,
    users,
    password,
    runId,
    sockets,
    setup,
    rooms,
    botParties: { owner, user: receiver, index: 1 },
    send: (room, text, seq) =>
      request(`${base}/api/v1/chats/${rooms[room].chatId}/messages`, { method: "POST", token: owner.token, body: { text, clientMsgId: `b${seq}` } }),
  };
}

// ---- the bot: Bot API sendMessage to a user's socket, user messages to a local webhook ----

/**
 * A local HTTP server the bot's webhook points at. It answers 200 (empty body) at once and
 * hands every update whose message text carries a tag to `receiver.onTag`, like a socket.
 * It also checks the stream itself: update_id must only grow (Switchboard sends webhook
 * updates one at a time, oldest first), each update_id arrives once, the secret header is set.
 */
function startWebhookServer(secret) {
  const hook = {
    port: 0,
    receiver: { label: "bot webhook", onTag: null },
    requests: 0,
    untagged: [], // updates without a tag (my_chat_member, /start ...): type and text
    badSecret: 0,
    badRequests: 0,
    lastUpdateId: 0,
    seenIds: new Set(),
    outOfOrder: [], // {updateId, after}
    duplicates: [], // update_ids received again
    arrivals: [], // [update_id, tag] in arrival order, for the scenario in progress
    waiters: [],
    server: null,
  };
  hook.server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      res.writeHead(200, { "Content-Length": "0" });
      res.end();
      hook.requests++;
      if (req.headers["x-telegram-bot-api-secret-token"] !== secret) hook.badSecret++;
      let update;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        hook.badRequests++;
        return;
      }
      const id = update?.update_id;
      if (!Number.isInteger(id)) {
        hook.badRequests++;
        return;
      }
      if (hook.seenIds.has(id)) hook.duplicates.push(id);
      else if (id <= hook.lastUpdateId) hook.outOfOrder.push({ updateId: id, after: hook.lastUpdateId });
      hook.seenIds.add(id);
      hook.lastUpdateId = Math.max(hook.lastUpdateId, id);
      const text = update.message?.text ?? "";
      const m = TAG.exec(text);
      if (m) {
        const tag = `${m[1]}:${m[2]}`;
        hook.arrivals.push([id, tag]);
        hook.receiver.onTag?.(tag, at);
      } else {
        hook.untagged.push(`${Object.keys(update).find((k) => k !== "update_id")}${text ? ` "${text.slice(0, 40)}"` : ""}`);
      }
      for (const w of hook.waiters.splice(0)) w();
    });
  });
  return new Promise((resolve, reject) => {
    hook.server.once("error", reject);
    hook.server.listen(0, "127.0.0.1", () => {
      hook.port = hook.server.address().port;
      resolve(hook);
    });
  });
}

/** Waits until `check()` holds, re-checking on every webhook request; rejects after `ms`. */
function untilHook(hook, check, ms, what) {
  return within(
    (async () => {
      while (!check()) await new Promise((r) => hook.waiters.push(r));
    })(),
    ms,
    what,
  );
}

/** Bot API call; throws on a non-2xx answer or `ok: false`. */
async function botCall(base, token, method, params) {
  const r = await request(`${base}/bot${token}/${method}`, { method: "POST", body: params });
  if (!r?.ok) throw new Error(`${method}: ${JSON.stringify(r).slice(0, 300)}`);
  return r.result;
}

/**
 * Adds two rooms to Switchboard: `bot` (the bot's sendMessage to users[1], received on that
 * user's socket) and `webhook` (users[1]'s message to the bot, received by the webhook server).
 */
async function setUpBot(sb, hookServer) {
  const base = sb.url;
  const { owner, user } = sb.botParties;
  const username = `b${Date.now().toString(36).slice(-6)}_benchbot`;
  log(`switchboard: bot @${username}: create, raise rate limits, start by ${user.handle}, webhook on :${hookServer.port} ...`);
  const created = await setupCall(`${base}/api/v1/bots`, { method: "POST", token: owner.token, body: { username, name: "Bench bot" } }, "create bot");
  const bot = { ...created.bot, token: created.token };
  // Telegram's defaults (1 msg/s per private chat, burst 5) would throttle the bench at once;
  // these are the highest values the API accepts (rate <= 1000/s, burst <= 10000).
  const rateLimits = { global: { rate: 1000, burst: 10_000 }, privateChat: { rate: 1000, burst: 10_000 }, group: { rate: 1000, burst: 10_000 } };
  await setupCall(`${base}/api/v1/bots/${username}`, { method: "PATCH", token: owner.token, body: { rateLimits } }, "bot rate limits");
  const started = await setupCall(`${base}/api/v1/bots/${username}/start`, { method: "POST", token: user.token, body: {} }, "start bot");
  if (started.chat.id !== bot.id) throw new Error(`start answered chat ${started.chat.id}, expected the bot's id ${bot.id}`);
  await botCall(base, bot.token, "setWebhook", { url: `http://127.0.0.1:${hookServer.port}/hook`, secret_token: hookServer.secret });
  // The first updates are my_chat_member and the user's /start; wait for /start to come through.
  await untilHook(hookServer, () => hookServer.untagged.some((u) => u.includes('"/start"')), 30_000, () => `the bot webhook got no /start update within 30 s (requests so far: ${hookServer.requests}: ${hookServer.untagged.join(", ")})`);
  log(`switchboard: bot ${bot.id} ready; webhook got ${hookServer.requests} set-up updates (${hookServer.untagged.join(", ")})`);
  const userSocket = sb.sockets[sb.botParties.index];
  sb.rooms.bot = { receivers: [userSocket], all: [userSocket] };
  sb.rooms.webhook = { receivers: [hookServer.receiver], all: [userSocket, hookServer.receiver] };
  sb.bot = { ...bot, rateLimits };
  const send = sb.send;
  sb.send = (room, text, seq) => {
    if (room === "bot") return botCall(base, bot.token, "sendMessage", { chat_id: user.id, text });
    if (room === "webhook") return request(`${base}/api/v1/chats/${bot.id}/messages`, { method: "POST", token: user.token, body: { text, clientMsgId: `b${seq}` } });
    return send(room, text, seq);
  };
}

/** Order of the tagged updates the webhook got during one scenario (sends in `seq` order). */
function webhookOrder(hook, sequential) {
  let idInversions = 0;
  let seqInversions = 0;
  for (let i = 1; i < hook.arrivals.length; i++) {
    if (hook.arrivals[i][0] <= hook.arrivals[i - 1][0]) idInversions++;
    if (Number(hook.arrivals[i][1].split(":")[1]) < Number(hook.arrivals[i - 1][1].split(":")[1])) seqInversions++;
  }
  return { updates: hook.arrivals.length, updateIdInversions: idInversions, ...(sequential ? { sendOrderInversions: seqInversions } : {}) };
}

// ---- customer profiles: a customer's message -> profile_updated on the staff's socket -------

/**
 * Two more users: `staff`, owner of a new workspace, and `customer`, who befriends them (so
 * the customer's private messages to the staff member are the workspace's to read, and their
 * facts go through the PROFILE_JOBS queue to the profile). The staff member's socket is open.
 */
async function setUpProfiles(sb) {
  const base = sb.url;
  const register = async (name) => {
    const r = await setupCall(`${base}/api/v1/auth/register`, { method: "POST", body: { handle: `b${sb.runId}_${name}`, password: sb.password, displayName: `Bench ${name}` } }, "register");
    return { ...r.user, token: r.token };
  };
  const staff = await register("staff");
  const customer = await register("customer");
  log(`switchboard: workspace of ${staff.handle}, customer ${customer.handle} befriends them ...`);
  const { workspace } = await setupCall(`${base}/api/v1/workspaces`, { method: "POST", token: staff.token, body: { name: "Bench workspace" } }, "create workspace");
  await setupCall(`${base}/api/v1/friends`, { method: "POST", token: customer.token, body: { handle: staff.handle } }, "friend request");
  await setupCall(`${base}/api/v1/friends/${customer.id}/accept`, { method: "POST", token: staff.token }, "friend accept");
  const socket = await openSocket(`${base.replace(/^http/, "ws")}/api/v1/stream?token=${encodeURIComponent(staff.token)}`, `switchboard socket of ${staff.handle} (workspace staff)`);
  sb.sockets.push(socket);
  sb.profiles = { staff, customer, workspaceId: workspace.id, socket };
}

/**
 * N sequential sends by the customer to the staff member, each "my email is <new address>",
 * after `warmup` unrecorded ones (the first also waits out the queue's backlog of set-up
 * jobs). Each is timed from just before the POST to two frames on the staff member's socket:
 * the chat's `message` frame carrying the address, and the `profile_updated` frame about the
 * customer whose email field holds it. Sends follow one another at once: between equally sure
 * e-mails of the same second, the later message of the chat wins (profiles/merge.ts).
 */
async function profileLatency(sb, n, warmup) {
  const { staff, customer, workspaceId, socket } = sb.profiles;
  const label = "customer message -> profile_updated on switchboard";
  const profile = [];
  const message = [];
  const ack = [];
  let failed = 0;
  let duplicates = 0;
  let cur = null;
  socket.onFrame = (data, at) => {
    if (!cur || !data.includes(cur.address)) return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === "message" && frame.message?.text?.includes(cur.address)) {
      if (cur.messageAt) duplicates++;
      else cur.messageAt = at;
    } else if (frame.type === "profile_updated" && frame.workspaceId === workspaceId && frame.userId === customer.id && frame.profile?.fields?.email?.value === cur.address) {
      cur.profileAt ||= at;
    } else return;
    if (cur.messageAt && cur.profileAt) cur.resolve();
  };
  try {
    for (let i = 0; i < warmup + n; i++) {
      const seq = ++seqCounter;
      const address = `u${runTag}n${seq}@example.com`;
      cur = { address, messageAt: 0, profileAt: 0, resolve: null };
      const both = new Promise((r) => (cur.resolve = r));
      const start = performance.now();
      try {
        await within(request(`${sb.url}/api/v1/chats/${staff.id}/messages`, { method: "POST", token: customer.token, body: { text: `Hi, my email is ${address}`, clientMsgId: `b${seq}` } }), config.scenarioTimeoutMs, () => `${label}: send ${i} got no answer`);
        if (i >= warmup) ack.push(performance.now() - start);
      } catch (e) {
        if (e instanceof Stalled || e instanceof Disrupted) throw e;
        failed++;
        failures.push({ phase: label, error: describe(e) });
        continue;
      }
      const c = cur;
      await within(both, config.scenarioTimeoutMs, () => `${label}: send ${i}: ${c.messageAt ? "message frame arrived" : "no message frame"}, ${c.profileAt ? "profile_updated arrived" : `no profile_updated with email ${address}`} within ${config.scenarioTimeoutMs / 1000} s (stalled)`);
      if (i < warmup) continue;
      profile.push(cur.profileAt - start);
      message.push(cur.messageAt - start);
    }
  } finally {
    socket.onFrame = null;
    cur = null;
  }
  return { profile: summary(profile), message: summary(message), ack: summary(ack), failed, duplicates };
}

async function setUpRelay(base) {
  const n = config.groupSize;
  const wsBase = base.replace(/^http/, "ws");
  log(`baseline: opening 2 + ${n} sockets ...`);
  const priv = await pool([0, 1], 2, (i) => openSocket(`${wsBase}/room/private`, `relay private socket ${i}`));
  const group = await pool(
    Array.from({ length: n }, (_, i) => i),
    16,
    (i) => openSocket(`${wsBase}/room/group`, `relay group socket ${i}`),
    "sockets",
  );
  const rooms = {
    private: { receivers: [priv[1]], all: priv },
    group: { receivers: group.slice(1), all: group },
  };
  // The bot rows' baseline is the relay's private path, measured afresh with the same counts.
  rooms.bot = rooms.webhook = rooms.private;
  const roomName = (room) => (room === "bot" || room === "webhook" ? "private" : room);
  return {
    name: "baseline",
    url: base,
    sockets: [...priv, ...group],
    setup: {},
    rooms,
    // The body is a frame of about the size and shape Switchboard sends.
    send: (room, text, seq) =>
      request(`${base}/room/${roomName(room)}/send`, {
        method: "POST",
        raw: JSON.stringify({ type: "message", chatId: 1, message: { id: seq, chatId: 1, from: { id: 1, handle: "sender", displayName: "Sender" }, date: Math.floor(Date.now() / 1000), text }, unread: 0 }),
      }),
  };
}

const disruptions = [];

/** Waits for /healthz, then reopens any socket the server dropped. */
async function ensureUp(sys) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${sys.url}/healthz`)).ok) break;
    } catch {}
    if (i > 300) throw new Error(`${sys.name}: /healthz not answering for 60 s`);
    await sleep(200);
  }
  const closed = sys.sockets.filter((s) => !s.open);
  if (closed.length) {
    log(`${sys.name}: reopening ${closed.length} sockets ...`);
    await pool(closed, 16, (s) => connect(s));
  }
}

// ---- scenarios -------------------------------------------------------------------------

let seqCounter = 0;
const runTag = Date.now().toString(36);

function attach(system, room, tracker) {
  system.rooms[room].receivers.forEach((s, i) => (s.onTag = (tag, at) => tracker.saw(tag, i, at)));
  for (const s of system.rooms[room].all) if (!system.rooms[room].receivers.includes(s)) s.onTag = null;
}

function detach(system, room) {
  for (const s of system.rooms[room].all) s.onTag = null;
}

/** N sequential sends; each timed from just before the POST to the last receiver's frame. */
async function latency(system, room, n, warmup) {
  const receivers = system.rooms[room].receivers.length;
  const tracker = new Tracker(receivers);
  attach(system, room, tracker);
  const last = [];
  const first = [];
  const ack = [];
  let failed = 0;
  const deadline = performance.now() + config.scenarioTimeoutMs;
  const label = `${room} latency on ${system.name}`;
  try {
    for (let i = 0; i < warmup + n; i++) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Stalled(`${label}: stalled, ${i}/${warmup + n} sends done after ${config.scenarioTimeoutMs / 1000} s`);
      const seq = ++seqCounter;
      const tag = `${runTag}:${seq}`;
      const rec = tracker.expect(tag);
      const start = performance.now();
      let ackAt;
      try {
        await within(system.send(room, `bench:${tag} latency`, seq), left, () => `${label}: send ${i} got no answer`);
        ackAt = performance.now();
      } catch (e) {
        if (e instanceof Stalled || e instanceof Disrupted) throw e;
        failed++;
        failures.push({ phase: label, error: describe(e) });
        tracker.pending.delete(tag);
        continue;
      }
      await within(rec.done, Math.max(1, deadline - performance.now()), () => `${label}: message ${i} reached ${rec.seen.size}/${receivers} receivers, then nothing (stalled)`);
      if (i < warmup) continue;
      last.push(rec.last - start);
      first.push(rec.first - start);
      ack.push(ackAt - start);
    }
  } finally {
    detach(system, room);
  }
  return { last: summary(last), first: summary(first), ack: summary(ack), failed, duplicates: tracker.duplicates };
}

/** M sends, `concurrency` in flight; time until every receiver has every message. */
async function throughput(system, room, m, concurrency) {
  const receivers = system.rooms[room].receivers.length;
  const tracker = new Tracker(receivers);
  attach(system, room, tracker);
  const label = `${room} throughput on ${system.name}`;
  let complete = 0;
  let expected = m;
  let failed = 0;
  let lastAt = 0;
  let lastAckAt = 0;
  let allResolve;
  const all = new Promise((r) => (allResolve = r));
  const check = () => {
    if (complete === expected) allResolve();
  };
  tracker.onComplete = (rec) => {
    complete++;
    lastAt = Math.max(lastAt, rec.last);
    check();
  };
  const acks = [];
  const start = performance.now();
  const deadline = start + config.scenarioTimeoutMs;
  let next = 0;
  let stalled = false;
  const worker = async () => {
    while (next < m && !stalled) {
      const i = next++;
      const seq = ++seqCounter;
      const tag = `${runTag}:${seq}`;
      tracker.expect(tag);
      const sent = performance.now();
      try {
        await system.send(room, `bench:${tag} throughput`, seq);
        const answered = performance.now();
        acks.push(answered - sent);
        lastAckAt = Math.max(lastAckAt, answered);
      } catch (e) {
        failed++;
        expected--;
        tracker.pending.delete(tag);
        failures.push({ phase: label, error: describe(e) });
        check();
      }
      if (performance.now() > deadline) stalled = true;
    }
  };
  try {
    const senders = Promise.all(Array.from({ length: Math.min(concurrency, m) }, worker));
    await within(
      Promise.all([senders, all]),
      config.scenarioTimeoutMs,
      () =>
        `${label}: stalled after ${config.scenarioTimeoutMs / 1000} s: ${next}/${m} sent, ${complete}/${expected} fully delivered, ` +
        `${tracker.deliveries()}/${expected * receivers} deliveries; ${tracker.missingSummary()}`,
    );
  } finally {
    stalled = true;
    detach(system, room);
  }
  const delivered = expected;
  const seconds = delivered > 0 ? (lastAt - start) / 1000 : NaN;
  return {
    messages: delivered,
    receivers,
    seconds,
    msgsPerSec: delivered / seconds,
    // How long after the last send's answer the last delivery came (a queue draining).
    tailMs: delivered > 0 ? lastAt - lastAckAt : NaN,
    deliveriesPerSec: (delivered * receivers) / seconds,
    ack: summary(acks),
    failed,
    duplicates: tracker.duplicates,
  };
}

// ---- the run ---------------------------------------------------------------------------

const servers = [];
let systems = [];
let hook = null; // the bot's webhook server
let persistDirs = [];

function saveServerLogs() {
  mkdirSync(`${root}bench/results`, { recursive: true });
  for (const [name, s] of Object.entries(serverByName)) if (s.output) writeFileSync(`${root}bench/results/${name}-wrangler.log`, s.output());
}
const serverByName = {};

async function cleanUp() {
  try {
    saveServerLogs();
  } catch {}
  for (const s of systems)
    for (const sock of s.sockets) {
      sock.closing = true;
      try {
        sock.ws.close(1000, "bench done");
      } catch {}
    }
  systems = [];
  if (hook) {
    hook.server.closeAllConnections?.();
    hook.server.close();
    hook = null;
  }
  await Promise.allSettled(servers.splice(0).map((s) => s.stop()));
  for (const d of persistDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    console.error(`\n${signal}: stopping the servers ...`);
    await cleanUp();
    process.exit(130);
  });
}

function fmt(v, digits) {
  if (v === undefined || v === null || Number.isNaN(v)) return "-";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printTable(rows) {
  const header = ["scenario", "metric", "switchboard", "baseline", "ratio (sb/base)"];
  const cells = rows.map((r) => [r.scenario, r.metric, fmt(r.switchboard, r.digits), fmt(r.baseline, r.digits), r.ratio === undefined ? "-" : `${fmt(r.ratio, r.ratioDigits ?? 2)}x`]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const c of cells) console.log(line(c));
}

// ---- scale: cost that grows with the work, not with idle members ----------------------------

/**
 * A 1,000-member group with 50 members online beside a 50-member group with all 50 online
 * (the same 50 sockets, the same sender), and the chat list of a user in 500 chats beside one
 * in 5. Both comparisons are within Switchboard: the "baseline" column of these rows is the
 * small case, so the ratio says what the idle members or the extra chats cost.
 */
async function scaleScenarios(sb) {
  const base = sb.url;
  const [owner] = sb.users;
  const online = config.bigGroupOnline;
  for (const sock of sb.sockets.slice(online)) {
    sock.closing = true;
    sock.ws.close();
  }
  const extra = Math.max(0, config.bigGroupSize - sb.users.length);
  log(`scale: registering ${extra} more users for the ${config.bigGroupSize}-member group ...`);
  const more = await pool(
    Array.from({ length: extra }, (_, i) => i),
    config.setupConcurrency,
    async (i) => {
      const handle = `b${sb.runId}_x${String(i).padStart(4, "0")}`;
      const r = await setupCall(`${base}/api/v1/auth/register`, { method: "POST", body: { handle, password: sb.password } }, "register");
      return { ...r.user, token: r.token };
    },
    "registered",
  );
  await pool(more, config.setupConcurrency, (u) => setupCall(`${base}/api/v1/friends`, { method: "POST", token: owner.token, body: { handle: u.handle } }, "friend request"), "friend requests");
  await pool(more, config.setupConcurrency, (u) => setupCall(`${base}/api/v1/friends/${owner.id}/accept`, { method: "POST", token: u.token }, "friend accept"), "accepted");
  const members = [...sb.users.slice(1), ...more].slice(0, config.bigGroupSize - 1);
  const group = async (title, ids) => (await setupCall(`${base}/api/v1/chats`, { method: "POST", token: owner.token, body: { type: "group", title, memberIds: ids } }, "create group")).chat.id;
  const bigId = await group("bench big group", members.map((u) => u.id));
  const smallId = await group("bench small group", sb.users.slice(1, online).map((u) => u.id));
  log(`scale: groups ${bigId} (${config.bigGroupSize} members, ${online} online) and ${smallId} (${online} members, all online)`);
  sb.rooms.big = { chatId: bigId, receivers: sb.sockets.slice(1, online), all: sb.sockets.slice(0, online) };
  sb.rooms.small = { chatId: smallId, receivers: sb.sockets.slice(1, online), all: sb.sockets.slice(0, online) };
  await sleep(500);
  const out = {};
  for (const [key, fn] of [
    ["big latency", () => latency(sb, "big", config.scaleLatencyN, 5)],
    ["small latency", () => latency(sb, "small", config.scaleLatencyN, 5)],
    ["big throughput", () => throughput(sb, "big", config.scaleThroughputN, config.concurrency)],
    ["small throughput", () => throughput(sb, "small", config.scaleThroughputN, config.concurrency)],
  ]) {
    log(`scale: ${key} ...`);
    out[key] = await fn();
  }

  log(`scale: a user in ${config.chatListChats} chats and a user in 5 ...`);
  const listUser = async (i, chats) => {
    const me = await setupCall(`${base}/api/v1/auth/register`, { method: "POST", body: { handle: `b${sb.runId}_l${i}`, password: sb.password } }, "register");
    await pool(
      Array.from({ length: chats }, (_, k) => k),
      config.setupConcurrency,
      (k) => setupCall(`${base}/api/v1/chats`, { method: "POST", token: me.token, body: { type: "group", title: `list ${k}`, memberIds: [] } }, "create group"),
      `chats of a ${chats}-chat user`,
    );
    // Each chat has a message, so every row of the list has a last message to show.
    await pool(
      (await setupCall(`${base}/api/v1/chats`, { token: me.token }, "chat list")).chats,
      config.setupConcurrency,
      (c) => setupCall(`${base}/api/v1/chats/${c.id}/messages`, { method: "POST", token: me.token, body: { text: "hello" } }, "post"),
      `first messages of a ${chats}-chat user`,
    );
    return me;
  };
  const [many, few] = [await listUser(1, config.chatListChats), await listUser(2, 5)];
  const time = async (me, expected) => {
    const ms = [];
    for (let i = 0; i < 5 + config.chatListN; i++) {
      const t = performance.now();
      const r = await request(`${base}/api/v1/chats`, { token: me.token });
      if (r.chats.length !== expected) throw new Error(`chat list: ${r.chats.length} chats, expected ${expected}`);
      if (i >= 5) ms.push(performance.now() - t);
    }
    return summary(ms);
  };
  out["list many"] = await time(many, config.chatListChats);
  out["list few"] = await time(few, 5);
  return out;
}

const want = (scenario) => config.only.includes(scenario);

async function main() {
  log(`config: ${JSON.stringify(config)}`);
  if (!existsSync(`${root}web/dist/index.html`)) {
    log("building the web app (web/dist is missing) ...");
    buildWeb();
  }
  const platformDir = mkdtempSync(join(tmpdir(), "switchboard-bench-"));
  const relayDir = mkdtempSync(join(tmpdir(), "switchboard-bench-relay-"));
  persistDirs.push(platformDir, relayDir);
  log(`migrating a fresh D1 under ${platformDir} ...`);
  migrate(platformDir);
  // `wrangler dev` reloads the Worker whenever a source file changes, which drops every
  // request and socket in flight; so by default the platform runs from a copy of the tree
  // taken now, and edits made during the run cannot disturb it (BENCH_SNAPSHOT=0: run the tree).
  let platformConfig;
  if (config.snapshot) {
    const snap = `${root}bench/results/platform-snapshot`;
    rmSync(snap, { recursive: true, force: true });
    for (const part of ["src", "migrations", "web/dist", "wrangler.toml"]) cpSync(`${root}${part}`, `${snap}/${part}`, { recursive: true });
    // Sources import some files from node_modules by relative path (the OCR engine's .wasm).
    symlinkSync(`${root}node_modules`, `${snap}/node_modules`, "dir");
    // startPlatform passes LOCAL_WEBHOOKS=1 (plain-http webhooks on loopback) only when it
    // uses the default wrangler.toml; the snapshot's copy gets it as a [vars] entry instead.
    const toml = readFileSync(`${snap}/wrangler.toml`, "utf8");
    // The bench is one owner sending thousands of messages and making a thousand friends: the
    // per-user quotas a real user gets would stop it, so the snapshot raises them all.
    const raised = toml.replace(/^(QUOTA_\w+) = "\d+"$/gm, '$1 = "1000000000"');
    writeFileSync(`${snap}/wrangler.toml`, /^\[vars\]\s*$/m.test(raised) ? raised.replace(/^\[vars\]\s*$/m, '[vars]\nLOCAL_WEBHOOKS = "1"') : `${raised}\n[vars]\nLOCAL_WEBHOOKS = "1"\n`);
    persistDirs.push(snap);
    platformConfig = "bench/results/platform-snapshot/wrangler.toml";
    log("platform sources copied to bench/results/platform-snapshot");
  }
  // In process, before the servers start, so workerd does not share the CPUs with it.
  let extraction;
  if (want("extract")) {
    log(`profile extraction: the offline extractor over eval/extract, in process (${config.extractSeconds} s each) ...`);
    const { measureExtraction } = await import("./extract.mjs");
    extraction = measureExtraction({ seconds: config.extractSeconds });
    log(`profile extraction: ${extraction.lines} lines; offline ${fmt(extraction.offline.msgsPerSec, 0)} msgs/s, with jieba ${fmt(extraction.jieba.msgsPerSec, 0)}, baseline ${fmt(extraction.baseline.msgsPerSec, 0)}`);
  }
  // The relay is the baseline of the private, group and bot rows; the others compare Switchboard with itself.
  const needRelay = ["private", "group", "bot", "webhook"].some(want);
  log(`starting the platform on :${config.platformPort}${needRelay ? ` and the baseline relay on :${config.relayPort}` : ""} ...`);
  // One after the other: two `wrangler dev` starting at once both take inspector port 9229.
  const platform = await startPlatform({ port: config.platformPort, persistTo: platformDir, config: platformConfig });
  servers.push(platform);
  serverByName.switchboard = platform;
  let relay;
  if (needRelay) {
    relay = await startPlatform({ port: config.relayPort, persistTo: relayDir, config: "bench/relay/wrangler.toml" });
    servers.push(relay);
    serverByName.baseline = relay;
  }
  const sb = await setUpSwitchboard(platform.url);
  systems.push(sb);
  if (want("bot") || want("webhook")) {
    hook = await startWebhookServer(`bench-secret-${runTag}`);
    hook.secret = `bench-secret-${runTag}`;
    await setUpBot(sb, hook);
  }
  if (want("profile")) await setUpProfiles(sb);
  if (want("notify")) await setUpNotify(sb, { setupCall, botCall, openSocket, log, TAG });
  let base;
  if (needRelay) {
    base = await setUpRelay(relay.url);
    systems.push(base);
  }
  await sleep(500); // let set-up traffic settle

  const raw = {};
  /** Runs `fn(sys)` once, again (up to 3 attempts) when the server dropped sockets or requests. */
  const attempts = async (key, sys, fn) => {
    for (let attempt = 1; ; attempt++) {
      await ensureUp(sys);
      armDisruption();
      log(`${key} on ${sys.name}${attempt > 1 ? ` (attempt ${attempt})` : ""} ...`);
      try {
        const result = { ...(await fn(sys)), attempts: attempt };
        if (disruptionReject) return result; // not disrupted
        throw new Disrupted("disrupted at the very end");
      } catch (e) {
        if (!(e instanceof Disrupted)) throw e;
        disruptions.push({ scenario: key, system: sys.name, attempt, reason: e.message });
        if (attempt >= 3) throw new Error(`${key} on ${sys.name}: disrupted ${attempt} times, giving up (last: ${e.message})`);
        log(`${key} on ${sys.name}: attempt ${attempt} abandoned (${e.message}); running it again once the server is back`);
        await sleep(2000);
      }
    }
  };
  const run = async (key, fn) => {
    raw[key] = {};
    for (const sys of [sb, base]) raw[key][sys.name] = await attempts(key, sys, fn);
  };
  // First, while the queue holds only set-up jobs: every later scenario's messages are jobs too.
  const profile = want("profile") ? await attempts("customer message -> profile_updated", sb, (s) => profileLatency(s, config.profileN, Math.min(config.warmup, 3))) : undefined;
  // Next, while the platform is as quiet: notifications (NOTIFY_JOBS queue) beside the same bot's sendMessage.
  let notify;
  if (want("notify")) {
    notify = {};
    notify.latency = await attempts("sendNotification latency", sb, (s) => latency(s, "notify", config.notifyLatencyN, config.warmup));
    notify.messageLatency = await attempts("sendMessage (notification baseline) latency", sb, (s) => latency(s, "notifyMessage", config.notifyLatencyN, config.warmup));
    notify.throughput = await attempts("sendNotification throughput", sb, (s) => throughput(s, "notify", config.notifyThroughputN, config.concurrency));
    notify.messageThroughput = await attempts("sendMessage (notification baseline) throughput", sb, (s) => throughput(s, "notifyMessage", config.notifyThroughputN, config.concurrency));
    try {
      notify.last = await sb.notify.last();
    } catch (e) {
      notify.last = { error: describe(e) };
    }
    notify.answers = sb.notify.answers;
  }
  const gN = config.groupSize - 1;
  if (want("private")) {
    await run("private latency", (s) => latency(s, "private", config.privateLatencyN, config.warmup));
    await run("private throughput", (s) => throughput(s, "private", config.privateThroughputN, config.concurrency));
  }
  if (want("group")) {
    await run("group latency", (s) => latency(s, "group", config.groupLatencyN, Math.min(config.warmup, 5)));
    await run("group throughput", (s) => throughput(s, "group", config.groupThroughputN, config.concurrency));
  }
  if (want("bot")) {
    await run("bot latency", (s) => latency(s, "bot", config.botLatencyN, config.warmup));
    await run("bot throughput", (s) => throughput(s, "bot", config.botThroughputN, config.concurrency));
  }
  // The webhook's arrival log is reset per scenario; update_id order is checked across all.
  const withOrder = (fn, sequential) => async (s) => {
    if (s !== sb) return fn(s);
    hook.arrivals = [];
    const r = await fn(s);
    return { ...r, order: webhookOrder(hook, sequential) };
  };
  if (want("webhook")) {
    await run("webhook latency", withOrder((s) => latency(s, "webhook", config.webhookLatencyN, config.warmup), true));
    await run("webhook throughput", withOrder((s) => throughput(s, "webhook", config.webhookThroughputN, config.concurrency), false));
  }
  const scale = want("scale") ? await scaleScenarios(sb) : undefined;
  let webhookInfo;
  if (sb.bot) {
    try {
      webhookInfo = await botCall(sb.url, sb.bot.token, "getWebhookInfo", {});
    } catch (e) {
      webhookInfo = { error: describe(e) };
    }
  }

  const rows = [];
  const row = (scenario, metric, unit, digits, pick, key) => {
    const a = pick(raw[key].switchboard);
    const b = pick(raw[key].baseline);
    rows.push({ scenario, metric, unit, digits, switchboard: a, baseline: b, ratio: a && b ? a / b : undefined });
  };
  const lat = (scenario, key, first) => {
    row(scenario, "latency p50 (ms)", "ms", 2, (r) => r.last.p50, key);
    row(scenario, "latency p99 (ms)", "ms", 2, (r) => r.last.p99, key);
    if (first) row(scenario, "first-delivery p50 (ms)", "ms", 2, (r) => r.first.p50, key);
    row(scenario, "send answer p50 (ms)", "ms", 2, (r) => r.ack.p50, key);
  };
  const tput = (scenario, key, deliveries) => {
    row(scenario, "throughput (msgs/s)", "msgs/s", 1, (r) => r.msgsPerSec, key);
    if (deliveries) row(scenario, "throughput (deliveries/s)", "deliveries/s", 0, (r) => r.deliveriesPerSec, key);
    row(scenario, "send answer p50 under load (ms)", "ms", 2, (r) => r.ack.p50, key);
  };
  if (want("private")) {
    lat("private (1 receiver)", "private latency", false);
    tput("private (1 receiver)", "private throughput", false);
  }
  if (want("group")) {
    lat(`group (${gN} receivers)`, "group latency", true);
    tput(`group (${gN} receivers)`, "group throughput", true);
  }
  if (want("bot")) {
    lat("bot sendMessage -> user socket", "bot latency", false);
    tput("bot sendMessage -> user socket", "bot throughput", false);
  }
  if (want("webhook")) {
    lat("user message -> bot webhook", "webhook latency", false);
    tput("user message -> bot webhook", "webhook throughput", false);
  }
  const scaleRow = (scenario, metric, unit, digits, a, b) => rows.push({ scenario, metric, unit, digits, switchboard: a, baseline: b, ratio: a && b ? a / b : undefined });
  if (scale) {
    const bigName = `${config.bigGroupSize} members, ${config.bigGroupOnline} online *`;
    scaleRow(bigName, "latency p50 (ms)", "ms", 2, scale["big latency"].last.p50, scale["small latency"].last.p50);
    scaleRow(bigName, "latency p99 (ms)", "ms", 2, scale["big latency"].last.p99, scale["small latency"].last.p99);
    scaleRow(bigName, "send answer p50 (ms)", "ms", 2, scale["big latency"].ack.p50, scale["small latency"].ack.p50);
    scaleRow(bigName, "throughput (msgs/s)", "msgs/s", 1, scale["big throughput"].msgsPerSec, scale["small throughput"].msgsPerSec);
    scaleRow(`chat list, ${config.chatListChats} chats *`, "GET /api/v1/chats p50 (ms)", "ms", 2, scale["list many"].p50, scale["list few"].p50);
  }

  if (profile) {
    const profName = "customer message -> profile_updated †";
    scaleRow(profName, "latency p50 (ms)", "ms", 2, profile.profile.p50, profile.message.p50);
    scaleRow(profName, "latency p99 (ms)", "ms", 2, profile.profile.p99, profile.message.p99);
  }
  if (notify) {
    const notifyName = "sendNotification -> delivered on primary §";
    scaleRow(notifyName, "latency p50 (ms)", "ms", 2, notify.latency.last.p50, notify.messageLatency.last.p50);
    scaleRow(notifyName, "latency p99 (ms)", "ms", 2, notify.latency.last.p99, notify.messageLatency.last.p99);
    scaleRow(notifyName, "send answer p50 (ms)", "ms", 2, notify.latency.ack.p50, notify.messageLatency.ack.p50);
    scaleRow(notifyName, "throughput (notifications/s)", "notifications/s", 1, notify.throughput.msgsPerSec, notify.messageThroughput.msgsPerSec);
    scaleRow(notifyName, "send answer p50 under load (ms)", "ms", 2, notify.throughput.ack.p50, notify.messageThroughput.ack.p50);
  }
  if (extraction) {
    scaleRow("profile extraction, offline ‡", "throughput (msgs/s)", "msgs/s", 0, extraction.offline.msgsPerSec, extraction.baseline.msgsPerSec);
    scaleRow("profile extraction, offline + jieba ‡", "throughput (msgs/s)", "msgs/s", 0, extraction.jieba.msgsPerSec, extraction.baseline.msgsPerSec);
    // The extractor is hundreds of times slower than two regexes: a ratio in hundredths says 0.00x.
    for (const r of rows.slice(-2)) r.ratioDigits = 4;
  }

  const scaleRuns = [...(scale ? [scale["big latency"], scale["small latency"], scale["big throughput"], scale["small throughput"]] : []), ...(profile ? [profile] : []), ...(notify ? [notify.latency, notify.messageLatency, notify.throughput, notify.messageThroughput] : [])];
  const failedSends = Object.values(raw).reduce((n, r) => n + r.switchboard.failed + r.baseline.failed, 0) + scaleRuns.reduce((n, r) => n + r.failed, 0);
  const duplicates = Object.values(raw).reduce((n, r) => n + r.switchboard.duplicates + r.baseline.duplicates, 0) + scaleRuns.reduce((n, r) => n + r.duplicates, 0);

  console.log("");
  console.log(
    `Switchboard vs baseline relay, same run; ${config.groupSize}-member group, ${config.concurrency} sends in flight for throughput; ` +
      `${cpus().length} CPUs, Node ${process.version}`,
  );
  console.log(
    `latency: ${config.privateLatencyN} private / ${config.groupLatencyN} group sequential sends, POST -> frame at the (last) receiver; ` +
      `throughput: ${config.privateThroughputN} private / ${config.groupThroughputN} group messages.`,
  );
  console.log("");
  printTable(rows);
  console.log("");
  console.log("ratio = switchboard / baseline (above 1x: slower latency, or higher throughput).");
  if (config.only.length < SCENARIOS.length) console.log(`BENCH_ONLY: ran ${config.only.join(", ")} (of ${SCENARIOS.join(", ")}).`);
  if (scale)
    console.log(
      `* rows marked * compare Switchboard with itself: the baseline column is a ${config.bigGroupOnline}-member group with all ${config.bigGroupOnline} online ` +
        `(same sender and sockets; latency to the last online receiver), and a user in 5 chats.`,
    );
  if (profile)
    console.log(
      `† ${profile.profile.n} sequential sends (back to back) by a customer to a workspace's staff member, each "my email is <new address>", timed from the POST ` +
        `to the staff member's socket: profile_updated with that email (through the PROFILE_JOBS queue; the consumer takes each batch without waiting to fill it, wrangler.toml), ` +
        `beside the chat's message frame for the same POST (baseline column); send answer p50 ${fmt(profile.ack.p50, 2)} ms.`,
    );
  if (notify) {
    const deliveries = notify.last?.deliveries?.map((d) => `${d.channel} ${d.status}`).join(", ") ?? JSON.stringify(notify.last);
    console.log(
      `§ a bot's sendNotification (importance urgent) to a user who started it, its newUserThreshold set to 0 so the learned plan sends to the primary channel only ` +
        `(in-app, the user's only reachable channel): ${notify.latency.last.n} sequential after ${config.warmup} unrecorded, timed from the POST to the in-app {type:"message"} frame on the user's socket ` +
        `(through the NOTIFY_JOBS queue and the bot's actor); throughput: ${config.notifyThroughputN}, ${config.concurrency} in flight, until every frame arrived ` +
        `(${fmt(notify.throughput.seconds, 1)} s, last frame ${fmt(notify.throughput.tailMs, 0)} ms after the last answer; baseline ${fmt(notify.messageThroughput.tailMs, 0)} ms). ` +
        `Baseline column: the same bot's sendMessage to the same user, timed the same way. sendNotification answered ${JSON.stringify(notify.answers)}` +
        `${allOnPrimary(notify.answers) ? " (all on the primary path)" : " (NOT all learned:in_app)"}; getNotification of the last: ${deliveries}.`,
    );
  }
  if (extraction)
    console.log(
      `‡ in process (Node ${process.version}): extractFacts over the ${extraction.lines} chat lines of eval/extract (dev + test), without a segmenter as the Worker runs it, and with jieba; ` +
        `baseline = only an e-mail and a phone regex over the same lines; ${config.extractSeconds} s each after a warm-up; ` +
        `${fmt(extraction.offline.usPerMsg, 0)} / ${fmt(extraction.jieba.usPerMsg, 0)} µs a message.`,
    );
  console.log(`failed sends: ${failedSends}; duplicate deliveries: ${duplicates}; setup retries/failures: ${failures.filter((f) => f.phase === "setup").length}`);
  if (disruptions.length) {
    console.log(`scenarios re-run after the server dropped sockets/requests (wrangler dev reloaded): ${disruptions.length}`);
    for (const d of disruptions) console.log(`  ${d.scenario} on ${d.system}, attempt ${d.attempt}: ${d.reason}`);
  }
  if (want("bot") || want("webhook"))
    console.log(
      `bot rows: baseline = the relay's private path (send -> 1 socket), measured afresh in this run with the same counts ` +
        `(latency ${config.botLatencyN} / ${config.webhookLatencyN} sends, throughput ${config.botThroughputN} / ${config.webhookThroughputN} messages). ` +
        `The bench bot's rate limits are raised to rate 1000/s, burst 10000 (global, private chat, group; the API's maximum; Telegram's defaults are 1/s burst 5 per private chat).`,
    );
  if (want("webhook")) {
    const wl = raw["webhook latency"].switchboard.order;
    const wt = raw["webhook throughput"].switchboard.order;
    console.log(
      `webhook: ${hook.requests} POSTs received (${hook.untagged.length} set-up updates: ${hook.untagged.join(", ")}); ` +
        `update_id out of order: ${hook.outOfOrder.length}, duplicated: ${hook.duplicates.length}, wrong secret header: ${hook.badSecret}, unparsable: ${hook.badRequests}; ` +
        `latency run: ${wl.updates} updates, ${wl.updateIdInversions} update_id inversions, ${wl.sendOrderInversions} out of send order; ` +
        `throughput run: ${wt.updates} updates, ${wt.updateIdInversions} update_id inversions (sends were concurrent, so send order is not checked).`,
    );
  }
  const tail = (k) => `${fmt(raw[k].switchboard.seconds, 1)} s, last delivery ${fmt(raw[k].switchboard.tailMs, 0)} ms after the last send's answer (baseline ${fmt(raw[k].baseline.tailMs, 0)} ms)`;
  if (want("bot") && want("webhook")) console.log(`throughput runs on switchboard: bot sendMessage ${tail("bot throughput")}; webhook ${tail("webhook throughput")}.`);
  if (webhookInfo) console.log(`getWebhookInfo at the end: ${JSON.stringify(webhookInfo)}`);
  console.log(`switchboard group creation (${config.groupSize} members): ${sb.setup.groupCreate}, ${sb.setup.groupCreateMs.toFixed(0)} ms`);
  if (sb.setup.groupCreateError) console.log(`  one-call create failed: ${sb.setup.groupCreateError}`);

  mkdirSync(`${root}bench/results`, { recursive: true });
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    config,
    table: rows.map(({ digits, ratioDigits, ...r }) => r),
    raw,
    scale,
    profile,
    extraction,
    notify: notify && { ...notify, setup: sb.notify.bot },
    setup: { switchboard: sb.setup, ...(sb.bot ? { bot: { id: sb.bot.id, username: sb.bot.username, rateLimits: sb.bot.rateLimits } } : {}) },
    webhook: hook && {
      requests: hook.requests,
      untagged: hook.untagged,
      outOfOrder: hook.outOfOrder,
      duplicates: hook.duplicates,
      badSecret: hook.badSecret,
      badRequests: hook.badRequests,
      info: webhookInfo,
    },
    failures,
    disruptions,
  };
  writeFileSync(`${root}bench/results/latest.json`, `${JSON.stringify(out, null, 2)}\n`);
  log("wrote bench/results/latest.json");
}

let exitCode = 0;
try {
  await main();
} catch (e) {
  exitCode = 1;
  console.error(`\nbench failed: ${e instanceof Stalled ? "" : ""}${e?.stack ?? e}`);
  if (failures.length) console.error(`request failures so far (${failures.length}):`, failures.slice(-10));
} finally {
  await cleanUp();
}
process.exit(exitCode);
