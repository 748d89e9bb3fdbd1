// The customer-profile surface attacked as an adversary would: strangers, removed staff and
// other workspaces' staff probing profiles; profile_updated frames reaching the wrong sockets;
// erasure undone by late jobs; someone else's words in a customer's profile; one workspace
// crowding out another's timeline; hostile field and tag values. Every refusal is a 4xx with a
// reason and stores nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleJob } from "../../src/profiles/consumer.ts";
import { extractFacts } from "../../src/profiles/extract/extract.ts";
import type { ProfileExtractor } from "../../src/profiles/extractor.ts";
import { messageJobs, type EventJob, type MessageJob } from "../../src/profiles/jobs.ts";
import { open } from "../../src/platform/d1.ts";
import { befriend, call, connect, joinStaff, register, send, type Session, profileWhen, workspaceWith } from "./client.ts";


const profile = (s: Session, ws: number, customer: Session | string) => call("GET", `/api/v1/workspaces/${ws}/customers/${typeof customer === "string" ? customer : customer.user.id}`, { token: s.token });
const patch = (s: Session, ws: number, customer: Session, fields: unknown) => call("PATCH", `/api/v1/workspaces/${ws}/customers/${customer.user.id}`, { token: s.token, json: { fields } });
const tags = (s: Session, ws: number, customer: Session, json: unknown) => call("PUT", `/api/v1/workspaces/${ws}/customers/${customer.user.id}/tags`, { token: s.token, json });
const privateKey = (a: Session, b: Session) => `p:${Math.min(a.user.id, b.user.id)}:${Math.max(a.user.id, b.user.id)}`;
const offline: ProfileExtractor = { kind: "offline", fromText: async (text, now) => extractFacts(text, { now }), fromImage: async () => ({ text: "", facts: [] }) };


/** What the staff member's workspace holds on the customer, straight from D1. */
async function stored(ws: number, customer: Session) {
  const db = open(env.DB).$client;
  const p = await db.prepare("select fields from customer_profiles where workspace = ?1 and customer = ?2").bind(ws, customer.user.id).first<{ fields: string }>();
  const t = await db.prepare("select count(*) as n from customer_tags where workspace = ?1 and customer = ?2").bind(ws, customer.user.id).first<{ n: number }>();
  return { fields: p ? JSON.parse(p.fields) : null, tags: t?.n ?? 0 };
}

describe("profile attacks: who may see and change a profile", () => {
  it("a stranger, a removed staff member and another workspace's staff get the same 404 as for a workspace that does not exist, and store nothing", async () => {
    const [alice, carol, bob, eve, mallory] = [await register("sta"), await register("stc"), await register("cus"), await register("eve"), await register("mal")];
    const ws = await workspaceWith(alice, carol);
    const other = await workspaceWith(mallory);
    await befriend(alice, bob);
    await befriend(carol, bob);
    await befriend(mallory, bob);
    await befriend(eve, bob);
    expect((await call("DELETE", `/api/v1/workspaces/${ws}/staff/${carol.user.id}`, { token: alice.token })).status).toBe(200);
    const missing = 2_000_000_000 + Math.floor(Math.random() * 1e6);
    const probes = (who: Session, w: number) => [
      profile(who, w, bob),
      patch(who, w, bob, { note: "pwned" }),
      tags(who, w, bob, { add: ["pwned"] }),
      call("GET", `/api/v1/workspaces/${w}/tags`, { token: who.token }),
      call("GET", `/api/v1/workspaces/${w}/customers?tag=vip`, { token: who.token }),
      call("GET", `/api/v1/workspaces/${w}/staff`, { token: who.token }),
      // A malformed customer id must not tell a stranger the workspace exists (a 400 would).
      call("GET", `/api/v1/workspaces/${w}/customers/not-a-number`, { token: who.token }),
      call("PATCH", `/api/v1/workspaces/${w}/customers/${bob.user.id}`, { token: who.token, json: { fields: { shoe: 1 } } }),
    ];
    const asNobody = (await Promise.all(probes(eve, missing))).map((r) => [r.status, r.body]);
    for (const who of [eve, carol, mallory]) {
      const got = (await Promise.all(probes(who, ws))).map((r) => [r.status, r.body]);
      expect(got, who.user.handle).toEqual(asNobody);
    }
    expect(asNobody[0]).toEqual([404, expect.objectContaining({ error: expect.objectContaining({ code: "workspace_not_found" }) })]);
    expect(await stored(ws, bob)).toEqual({ fields: null, tags: 0 });
    // Mallory's own workspace id does not open alice's customer either, unless bob is hers too.
    expect((await profile(mallory, other, bob)).status).toBe(200);
    const dan = await register("cud");
    await befriend(alice, dan);
    const notHers = await profile(mallory, other, dan);
    expect([notHers.status, notHers.body.error.code]).toEqual([404, "customer_not_found"]);
    expect([(await patch(mallory, other, dan, { note: "x" })).status, (await tags(mallory, other, dan, { add: ["x"] })).status]).toEqual([404, 404]);
    expect(await stored(other, dan)).toEqual({ fields: null, tags: 0 });
  });

  it("staff can't open a colleague's or their own profile, a user linked to nobody, or a bot", async () => {
    const [alice, carol, loner] = [await register("sta"), await register("stc"), await register("lon")];
    const ws = await workspaceWith(alice, carol);
    await befriend(alice, carol);
    for (const target of [carol, alice, loner]) {
      const r = await profile(alice, ws, target);
      expect([r.status, r.body.error?.code], target.user.handle).toEqual([404, "customer_not_found"]);
      expect((await patch(alice, ws, target, { note: "x" })).status).toBe(404);
      expect((await tags(alice, ws, target, { add: ["x"] })).status).toBe(404);
      expect(await stored(ws, target)).toEqual({ fields: null, tags: 0 });
    }
    for (const id of ["0", "-1", "1e3", "999999999999999999"]) expect((await profile(alice, ws, id)).status, id).toBe(400);
  });

  it("profile_updated reaches only the workspace's linked staff: not the customer, a removed staff member, another workspace's staff or an unlinked colleague", async () => {
    const [alice, carol, dave, bob, mallory, eve] = [await register("sta"), await register("stc"), await register("std"), await register("cus"), await register("mal"), await register("stu")];
    const ws = await workspaceWith(alice, carol, dave, eve);
    await workspaceWith(mallory);
    await befriend(alice, bob);
    await befriend(carol, bob);
    await befriend(dave, bob);
    await befriend(mallory, bob);
    await befriend(alice, eve);
    expect((await call("DELETE", `/api/v1/workspaces/${ws}/staff/${dave.user.id}`, { token: alice.token })).status).toBe(200);
    const sockets = await Promise.all([alice, carol, dave, bob, mallory, eve].map(connect));
    expect((await patch(alice, ws, bob, { note: "secret note about bob" })).status).toBe(200);
    expect((await tags(alice, ws, bob, { add: ["whale"] })).status).toBe(200);
    const isTagged = (f: any) => f.type === "profile_updated" && f.workspaceId === ws && f.profile.tags.includes("whale");
    await Promise.all([sockets[0]!.next(isTagged), sockets[1]!.next(isTagged)]);
    // A probe on each socket after the announcements: frames arrive in order, so anything leaked came before it.
    const probe = await send(alice, bob.user.id, "probe");
    await sockets[3]!.next((f) => f.type === "message" && f.message.id === probe.body.message.id);
    for (const [from, to, i] of [[dave, bob, 2], [mallory, bob, 4], [alice, eve, 5]] as const) {
      const m = await send(from, to.user.id, "probe");
      expect(m.status, JSON.stringify(m.body)).toBe(201);
      await sockets[i]!.next((f) => f.type === "message" && f.message.id === m.body.message.id);
    }
    for (const i of [2, 3, 4, 5]) {
      const leaked = sockets[i]!.frames.filter((f) => f.type === "profile_updated" && f.workspaceId === ws);
      expect(leaked, `socket ${i}`).toEqual([]);
      expect(JSON.stringify(sockets[i]!.frames)).not.toContain("secret note about bob");
    }
    for (const s of sockets) s.ws.close();
  });
});

describe("profile attacks: erasure stays erased", () => {
  it("a late or redelivered event job, or a redelivered message's reply, does not bring back the erased timeline", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const hi = await send(alice, bob.user.id, "hello Bob");
    const answer = await send(bob, alice.user.id, "hi Alice");
    await profileWhen(alice, ws, bob, (x) => ["befriended", "replied"].every((t) => x.events.some((e: any) => e.type === t)), "timeline");
    expect(hi.status).toBe(201);
    expect((await call("DELETE", `/api/v1/me/profiles/${ws}`, { token: bob.token })).status).toBe(200);
    expect((await profile(alice, ws, bob)).body.profile.events).toEqual([]);
    const db = open(env.DB);
    const before = answer.body.message.date * 1000 - 1000;
    const late: EventJob = { kind: "event", type: "befriended", userId: alice.user.id, peer: bob.user.id, chatKey: privateKey(alice, bob), at: before };
    await handleJob(db, env, offline, late, new Set());
    await handleJob(db, env, offline, { ...late, type: "read", userId: bob.user.id, peer: alice.user.id }, new Set());
    const redelivered: MessageJob = { kind: "message", chatKey: privateKey(alice, bob), messageId: answer.body.message.id, senderId: bob.user.id, at: answer.body.message.date * 1000, text: "hi Alice" };
    await handleJob(db, env, offline, redelivered, new Set());
    expect((await profile(alice, ws, bob)).body.profile.events).toEqual([]);
    expect((await call("GET", "/api/v1/me/profiles", { token: bob.token })).body.profiles).toEqual([]);
  });

  it("editing an old message after erasure does not rebuild the profile from it", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const sent = await send(bob, alice.user.id, "my email is bob@old.example");
    await profileWhen(alice, ws, bob, (x) => x.fields.email, "extracted");
    expect((await call("DELETE", `/api/v1/me/profiles/${ws}`, { token: bob.token })).status).toBe(200);
    const edit = await call("PATCH", `/api/v1/chats/${alice.user.id}/messages/${sent.body.message.id}`, { token: bob.token, json: { text: "my email is bob@edited.example" } });
    expect(edit.status).toBe(200);
    // The edit's job, run here as the queue would: the message is from before the erasure.
    const job: MessageJob = { kind: "message", chatKey: privateKey(alice, bob), messageId: sent.body.message.id, senderId: bob.user.id, at: sent.body.message.date * 1000, text: "my email is bob@edited.example", edited: true };
    await handleJob(open(env.DB), env, offline, job, new Set());
    expect((await stored(ws, bob)).fields).toBeNull();
  });
});

describe("profile attacks: a profile holds the customer's own words", () => {
  it("a message the customer forwards (someone else's words) is not extracted into the customer's profile", async () => {
    const [alice, bob, dan] = [await register("sta"), await register("cus"), await register("cud")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    await befriend(bob, dan);
    const dans = await send(dan, bob.user.id, "my email is dan@forwarded.example, phone +1 415 555 0199");
    const fwd = await call("POST", `/api/v1/chats/${alice.user.id}/forward`, { token: bob.token, json: { fromChatId: dan.user.id, messageIds: [dans.body.message.id] } });
    expect(fwd.status, JSON.stringify(fwd.body)).toBe(201);
    expect(fwd.body.messages[0].forwardOrigin.from.id).toBe(dan.user.id);
    // The producer makes no job of it...
    expect(messageJobs(privateKey(alice, bob), [{ ...fwd.body.messages[0], from: { ...fwd.body.messages[0].from, isBot: false } }])).toEqual([]);
    // ...and what the customer then says himself is extracted after it.
    await send(bob, alice.user.id, "I work at Initech Ltd");
    const p = await profileWhen(alice, ws, bob, (x) => x.fields.company, "own words extracted");
    expect(p.fields.email).toBeUndefined();
    expect(p.fields.phone).toBeUndefined();
  });

  it("an inline result sent via a bot (the bot's words) and a shared contact (someone else's number) make no job; the sender's own text does", () => {
    const from = { id: 7, handle: "bob", displayName: "Bob", isBot: false };
    const bot = { id: 8, handle: "wikibot", displayName: "Wiki", isBot: true };
    const base = { id: 1, from, date: 1_700_000_000 };
    const key = "p:7:9";
    expect(messageJobs(key, [{ ...base, text: "Acme Corp, call +1 212 555 0100, info@acme.example", viaBot: bot }])).toEqual([]);
    expect(messageJobs(key, [{ ...base, text: "", contact: { phoneNumber: "+12125550100", firstName: "Zed" } as any }])).toEqual([]);
    expect(messageJobs(key, [{ ...base, text: "call me on +1 212 555 0100" }])).toHaveLength(1);
  });
});

describe("profile attacks: one workspace can't crowd out another's timeline", () => {
  it("a flood of events with another workspace's staff keeps the customer's events with this workspace's staff", async () => {
    const [alice, bob, mallory] = [await register("sta"), await register("cus"), await register("mal")];
    const ws = await workspaceWith(alice);
    await workspaceWith(mallory);
    await befriend(alice, bob);
    await profileWhen(alice, ws, bob, (x) => x.events.some((e: any) => e.type === "befriended"), "befriended");
    // Mallory blocks and unblocks bob, again and again, past the collapse window (EVENTS_KEPT is 500).
    const db = open(env.DB);
    const start = Date.now() + 1000;
    for (let i = 0; i < 510; i++) {
      const job: EventJob = { kind: "event", type: i % 2 ? "unblocked" : "blocked", userId: mallory.user.id, peer: bob.user.id, at: start + i * 11 * 60_000 };
      await handleJob(db, env, offline, job, new Set());
    }
    const p = (await profile(alice, ws, bob)).body.profile;
    expect(p.events.filter((e: any) => e.type === "befriended" && e.staffId === alice.user.id)).toHaveLength(1);
  }, 120_000);
});

describe("profile attacks: hostile values", () => {
  it("prototype keys, wrong types, control characters and huge values: a 400 with a reason that stores nothing, or stored as plain data", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const refused: unknown[] = [
      { __proto__: "x" },
      JSON.parse('{"__proto__": {"polluted": "yes"}}'),
      { constructor: "x" },
      { toString: "x" },
      { hasOwnProperty: "x" },
      { note: "x".repeat(501) },
      { note: { nested: "object" } },
      { note: 42 },
      { note: true },
      { interests: Array.from({ length: 21 }, (_, i) => `i${i}`) },
      { interests: ["x".repeat(65)] },
      { interests: [["nested"]] },
      { name: "ok", shoe_size: "9" },
      [],
      "fields",
      null,
    ];
    for (const fields of refused) {
      const r = await patch(alice, ws, bob, fields);
      expect([r.status, r.body.error?.code], JSON.stringify(fields)).toEqual([400, "bad_request"]);
      expect(r.body.error.message ?? r.body.error.description ?? JSON.stringify(r.body.error)).toBeTruthy();
    }
    const raw = await call("PATCH", `/api/v1/workspaces/${ws}/customers/${bob.user.id}`, { token: alice.token, body: '{"fields": {"note": "a", "__proto__": {"name": "b"}}}', headers: { "Content-Type": "application/json" } });
    expect(raw.status).toBeLessThan(500);
    expect(({} as any).polluted).toBeUndefined();
    const weird = "\u0000\u202e\u200b bob\u2028\ufeff";
    const ok = await patch(alice, ws, bob, { note: weird, company: "" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const got = await profile(alice, ws, bob);
    expect(got.status).toBe(200);
    // Stored and shown as plain text (trimmed like any value); nothing but its field is touched.
    expect(got.body.profile.fields.note.value).toBe(weird.trim());
    expect(Object.keys(got.body.profile.fields).every((k) => ["name", "company", "note"].includes(k))).toBe(true);
  });

  it("tags: a batch with one bad tag stores nothing; odd but valid tags are plain strings; the tag filter and q are no patterns", async () => {
    const [alice, bob, dan] = [await register("sta"), await register("cus"), await register("cud")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    await befriend(alice, dan);
    for (const body of [{ add: ["good", "bad\u0000"] }, { add: ["good", ""] }, { add: ["good", " "] }, { add: "good" }, { add: [1] }, { add: ["good"], remove: [{}] }, { add: Array.from({ length: 51 }, (_, i) => `t${i}`) }]) {
      const r = await tags(alice, ws, bob, body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([400, "bad_request"]);
    }
    expect(await stored(ws, bob)).toEqual({ fields: null, tags: 0 });
    expect((await tags(alice, ws, bob, { add: ["__proto__", "constructor", "%", "_"] })).body).toEqual({ tags: ["%", "_", "__proto__", "constructor"] });
    const lib = await call("GET", `/api/v1/workspaces/${ws}/tags`, { token: alice.token });
    expect(lib.body.tags.map((t: any) => t.tag).sort()).toEqual(["%", "_", "__proto__", "constructor"]);
    const byTag = async (q: string) => (await call("GET", `/api/v1/workspaces/${ws}/customers?${q}`, { token: alice.token })).body.customers.map((c: any) => c.id);
    expect(await byTag("tag=%25")).toEqual([bob.user.id]);
    expect(await byTag("tag=_")).toEqual([bob.user.id]);
    expect(await byTag("tag=__proto")).toEqual([]);
    expect(await byTag(`q=${encodeURIComponent("%")}`)).toEqual([]);
    expect(await byTag("q=_")).toEqual([]);
    expect((await byTag("q=cu")).sort()).toEqual([bob.user.id, dan.user.id].sort());
    for (const q of ["tag=" + "x".repeat(129), "q=" + "x".repeat(65), "limit=0", "limit=201", "limit=-1", "limit=1e2"]) {
      const r = await call("GET", `/api/v1/workspaces/${ws}/customers?${q}`, { token: alice.token });
      expect([r.status, r.body.error?.code], q).toEqual([400, "bad_request"]);
    }
  });
});

describe("profile attacks: floods and odd shapes", () => {
  it("a field's history stays bounded however often staff edit it; lists hold at most 20 items", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    for (let i = 0; i < 30; i++) expect((await patch(alice, ws, bob, { note: `note ${i}`, interests: Array.from({ length: 20 }, (_, j) => `i${i}-${j}`) })).status).toBe(200);
    const p = (await profile(alice, ws, bob)).body.profile;
    expect(p.fields.note.value).toBe("note 29");
    expect(p.fields.note.history.length).toBeLessThanOrEqual(20);
    expect(p.fields.interests.value).toHaveLength(20);
    expect(p.fields.interests.history.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify((await stored(ws, bob)).fields).length).toBeLessThan(64 * 1024);
  });

  it("a list given to a single field and a string to a list field: extraction and the customer's view still work", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    expect((await patch(alice, ws, bob, { name: ["Bob", "Robert"], interests: "golf" })).status).toBe(200);
    const job: MessageJob = { kind: "message", chatKey: privateKey(alice, bob), messageId: 999_999, senderId: bob.user.id, at: Date.now(), text: "my name is Bob Jones and I love hiking, email bob@shape.example" };
    await handleJob(open(env.DB), env, offline, job, new Set());
    await handleJob(open(env.DB), env, offline, { kind: "withdraw", chatKey: job.chatKey, messageId: job.messageId, senderId: bob.user.id }, new Set());
    const p = await profile(alice, ws, bob);
    expect(p.status).toBe(200);
    // Stored in the field's own shape: a single field's list joined, a list field's string a list of one.
    expect([p.body.profile.fields.name.value, p.body.profile.fields.interests.value]).toEqual(["Bob, Robert", ["golf"]]);
    expect((await call("GET", "/api/v1/me/profiles", { token: bob.token })).status).toBe(200);
  });

  it("the tag bounds hold under concurrent requests: at most 50 tags on a customer, 500 in a workspace's library", async () => {
    const [alice, bob, dan] = [await register("sta"), await register("cus"), await register("cud")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    await befriend(alice, dan);
    const batch = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    for (let round = 0; round < 5; round++) {
      await open(env.DB).$client.prepare("delete from customer_tags where workspace = ?1").bind(ws).run();
      const racing = await Promise.all([tags(alice, ws, bob, { add: batch("a", 30) }), tags(alice, ws, bob, { add: batch("b", 30) })]);
      expect(racing.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      expect((await stored(ws, bob)).tags).toBeLessThanOrEqual(50);
    }
    // The library: 490 tags on ten customers, then two customers race for 10 fresh tags each.
    await open(env.DB).$client.prepare("delete from customer_tags where workspace = ?1").bind(ws).run();
    const many = [];
    for (let i = 0; i < 10; i++) {
      const c = await register("cux");
      await befriend(alice, c);
      many.push(c);
      expect((await tags(alice, ws, c, { add: batch(`l${i}-`, i < 9 ? 50 : 40) })).status).toBe(200);
    }
    const lib = await Promise.all([tags(alice, ws, bob, { add: batch("x", 10) }), tags(alice, ws, dan, { add: batch("y", 10) })]);
    expect(lib.map((r) => r.status).sort()).toEqual([200, 409]);
    const n = await open(env.DB).$client.prepare("select count(distinct tag) as n from customer_tags where workspace = ?1").bind(ws).first<{ n: number }>();
    expect(n!.n).toBeLessThanOrEqual(500);
  });
});

describe("profile attacks: a link that ends", () => {
  it("a customer linked only through a group is no customer once he leaves it: 404, off the customers list", async () => {
    const [alice, bob, dan] = [await register("sta"), await register("cus"), await register("cud")];
    const ws = await workspaceWith(alice);
    await befriend(dan, alice);
    await befriend(dan, bob);
    const group = await call("POST", "/api/v1/chats", { token: dan.token, json: { type: "group", title: "Club", memberIds: [alice.user.id, bob.user.id] } });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    expect((await profile(alice, ws, bob)).status).toBe(200);
    expect((await patch(alice, ws, bob, { note: "met at the club" })).status).toBe(200);
    expect((await call("DELETE", `/api/v1/chats/${group.body.chat.id}/members/${bob.user.id}`, { token: bob.token })).status).toBe(200);
    const gone = await profile(alice, ws, bob);
    expect([gone.status, gone.body.error?.code]).toEqual([404, "customer_not_found"]);
    expect((await patch(alice, ws, bob, { note: "still here?" })).status).toBe(404);
    expect((await tags(alice, ws, bob, { add: ["x"] })).status).toBe(404);
    const list = await call("GET", `/api/v1/workspaces/${ws}/customers`, { token: alice.token });
    expect(list.body.customers.map((c: any) => c.id)).not.toContain(bob.user.id);
    expect((await stored(ws, bob)).fields.note.value).toBe("met at the club");
    // What the workspace still keeps, the customer still sees and may erase.
    const held = await call("GET", "/api/v1/me/profiles", { token: bob.token });
    expect(held.body.profiles.map((p: any) => p.workspace.id)).toEqual([ws]);
    expect((await call("DELETE", `/api/v1/me/profiles/${ws}`, { token: bob.token })).status).toBe(200);
    expect((await stored(ws, bob)).fields).toBeNull();
  });

  it("erasure is refused for a workspace the caller is staff of, a bad id, or one that keeps nothing on him; the refusal stores nothing", async () => {
    const [alice, bob, eve] = [await register("sta"), await register("cus"), await register("eve")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    expect((await patch(alice, ws, bob, { note: "kept" })).status).toBe(200);
    for (const [who, id] of [[alice, String(ws)], [eve, String(ws)], [bob, "abc"], [bob, "0"], [bob, "99999999999"]] as const) {
      const r = await call("DELETE", `/api/v1/me/profiles/${id}`, { token: who.token });
      expect(r.status, `${who.user.handle} ${id}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.error?.code).toBeTruthy();
    }
    expect((await stored(ws, bob)).fields.note.value).toBe("kept");
    const erasures = await open(env.DB).$client.prepare("select count(*) as n from profile_erasures where customer in (?1, ?2)").bind(alice.user.id, eve.user.id).first<{ n: number }>();
    expect(erasures!.n).toBe(0);
  });
});

describe("profile attacks: staff added without their consent", () => {
  // Anyone can create a workspace and name anyone as its staff by handle. Were that enough, the
  // workspace would treat their friends as its customers and read what they write to them; so
  // naming someone only invites them, and they become staff when they accept.
  it("a stranger who adds someone as staff of his own workspace can't read what that person's friends write to them", async () => {
    const [alice, bob, mallory] = [await register("sta"), await register("cus"), await register("mal")];
    await befriend(alice, bob);
    const spy = await workspaceWith(mallory);
    const invited = await call("POST", `/api/v1/workspaces/${spy}/staff`, { token: mallory.token, json: { handle: alice.user.handle } });
    expect(invited.body.staff.status).toBe("invited"); // alice is asked, and does not answer
    const list = await call("GET", `/api/v1/workspaces/${spy}/customers`, { token: mallory.token });
    const secret = await send(bob, alice.user.id, "between us: my new number is +1 415 555 0177, I'm leaving Initech Ltd");
    expect(secret.status).toBe(201);
    const p = await profileWhen(mallory, spy, bob, (x) => x.fields.phone, "extracted into the spy's workspace").catch(() => null);
    expect(list.body.customers.map((c: any) => c.id)).not.toContain(bob.user.id);
    expect(p?.fields.phone?.evidence?.excerpt ?? "").not.toContain("415 555 0177");
  });
});

describe("profile attacks: racing writers", () => {
  it("many concurrent staff edits of one profile: each a 200 or a 409 profile_busy that stored nothing, never a 500", async () => {
    const [alice, carol, bob] = [await register("sta"), await register("stc"), await register("cus")];
    const ws = await workspaceWith(alice, carol);
    await befriend(alice, bob);
    const edits = await Promise.all(Array.from({ length: 24 }, (_, i) => patch(i % 2 ? carol : alice, ws, bob, { note: `n${i}`, [["company", "position", "budget"][i % 3]!]: `v${i}` })));
    const refused = edits.flatMap((r, i) => (r.status === 200 ? [] : [[i, r.status, r.body.error?.code]]));
    expect(refused.filter(([, s, code]) => s !== 409 || code !== "profile_busy"), JSON.stringify(refused)).toEqual([]);
    expect(refused.length).toBeLessThan(edits.length);
    const p = (await profile(alice, ws, bob)).body.profile;
    const shown = [p.fields.note, ...p.fields.note.history].map((e: any) => e.value);
    for (const [i] of refused) expect(shown).not.toContain(`n${i}`);
    expect(p.fields.note.history.length).toBeLessThanOrEqual(20);
  });
});

describe("profile attacks: what a customer is shown stays bounded", () => {
  it("one block by someone who is staff of 140 workspaces: GET /me/profiles answers at most 100, and each is still erasable", async () => {
    const [bob, mallory] = [await register("cus"), await register("mal")];
    // Seven accounts each own 20 workspaces (the most one may) and add mallory as staff to each,
    // as the API lets them; stored directly here to keep the test quick.
    const d1 = open(env.DB).$client;
    const ids: number[] = [];
    for (let a = 0; a < 7; a++) {
      const owner = await register("own");
      for (let i = 0; i < 20; i++) {
        const w = await d1.prepare("insert into workspaces (name, owner) values (?1, ?2) returning id").bind(`Spam ${a}-${i}`, owner.user.id).first<{ id: number }>();
        await d1.batch([
          d1.prepare("insert into workspace_staff (workspace, user, role) values (?1, ?2, 'owner')").bind(w!.id, owner.user.id),
          d1.prepare("insert into workspace_staff (workspace, user, role) values (?1, ?2, 'staff')").bind(w!.id, mallory.user.id),
        ]);
        ids.push(w!.id);
      }
    }
    expect((await call("POST", `/api/v1/users/${bob.user.id}/block`, { token: mallory.token })).status).toBeLessThan(300);
    let held: any;
    for (let i = 0; i < 100; i++) {
      held = await call("GET", "/api/v1/me/profiles", { token: bob.token });
      if (held.status !== 200 || held.body.profiles.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(held.status).toBe(200);
    expect(held.body.profiles.length).toBeGreaterThan(0);
    expect(held.body.profiles.length).toBeLessThanOrEqual(100);
    // The last one, beyond the first answer, can be erased all the same.
    const last = ids[ids.length - 1]!;
    expect(held.body.profiles.map((p: any) => p.workspace.id)).not.toContain(last);
    expect((await call("DELETE", `/api/v1/me/profiles/${last}`, { token: bob.token })).status).toBe(200);
  }, 60_000);
});
