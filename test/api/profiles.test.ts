// Customer profiles through the real queue (issue 9): a customer's message becomes facts in
// the profile in D1 and a profile_updated on staff sockets; retries add nothing; staff edits
// outrank extraction; deleted messages withdraw their facts; tags and the tag library;
// timeline events; closeness ranking; erasure by the customer; access for non-staff,
// non-customers and removed staff.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleJob } from "../../src/profiles/consumer.ts";
import { extractFacts } from "../../src/profiles/extract/extract.ts";
import type { ProfileExtractor } from "../../src/profiles/extractor.ts";
import type { MessageJob } from "../../src/profiles/jobs.ts";
import { open } from "../../src/platform/d1.ts";
import { befriend, call, connect, joinStaff, register, send, type Session, profileWhen, workspaceWith } from "./client.ts";
import card from "../fixtures/business-card.png?inline";


const profile = (s: Session, ws: number, customer: Session) => call("GET", `/api/v1/workspaces/${ws}/customers/${customer.user.id}`, { token: s.token });

/** Polls the profile until `pred` holds (the queue consumer runs about a second after a send). */

const offline: ProfileExtractor = { kind: "offline", fromText: async (text, now) => extractFacts(text, { now }), fromImage: async () => ({ text: "", facts: [] }) };

describe("customer profiles", () => {
  it("a customer's message reaches the profile through the queue, with evidence, and staff sockets get profile_updated", async () => {
    const [alice, carol, bob] = [await register("sta"), await register("stc"), await register("cus")];
    const ws = await workspaceWith(alice, carol);
    await befriend(alice, bob);
    await befriend(carol, bob);
    const [aliceSocket, carolSocket] = [await connect(alice), await connect(carol)];
    const sent = await send(bob, alice.user.id, "my email is bob.smith@example.com and I work at Acme Corp");
    expect(sent.status).toBe(201);
    const isFilled = (f: any) => f.type === "profile_updated" && f.userId === bob.user.id && f.profile.fields.email;
    const [a, c] = await Promise.all([aliceSocket.next(isFilled, 15_000), carolSocket.next(isFilled, 15_000)]);
    expect(a.workspaceId).toBe(ws);
    expect(a.profile.fields.email).toMatchObject({ value: "bob.smith@example.com", source: "extracted", evidence: { chatId: bob.user.id, messageId: sent.body.message.id } });
    expect(a.profile.fields.email.evidence.excerpt).toContain("bob.smith@example.com");
    expect(a.profile.fields.company.value).toBe("Acme Corp");
    // carol is not in that private chat: she sees where it came from, not a chat id she cannot open.
    expect(c.profile.fields.email.evidence).toMatchObject({ chatId: null, staffId: alice.user.id, messageId: sent.body.message.id });
    const got = await profile(carol, ws, bob);
    expect(got.status).toBe(200);
    expect(got.body.profile.fields.email.value).toBe("bob.smith@example.com");
    aliceSocket.ws.close();
    carolSocket.ws.close();
  });

  it("a photo of a business card fills the profile with the phone and email printed on it (OCR in the consumer)", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const png = Uint8Array.from(atob(card.slice(card.indexOf(",") + 1)), (c) => c.charCodeAt(0));
    const f = new FormData();
    f.set("file", new Blob([png], { type: "image/png" }), "card.png");
    const up = await call("POST", `/api/v1/chats/${alice.user.id}/media`, { token: bob.token, body: f });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const p = await profileWhen(alice, ws, bob, (x) => x.fields.phone && x.fields.email, "card read");
    expect(p.fields.phone).toMatchObject({ value: "+442079460958", source: "extracted", evidence: { chatId: bob.user.id, messageId: up.body.message.id } });
    expect(p.fields.email.value).toBe("olivia.bennett@northwind.example");
    // The card's layout: its name line, title line and company line.
    expect([p.fields.name.value, p.fields.name.source]).toEqual(["Olivia Bennett", "extracted"]);
    expect(p.fields.position.value).toBe("Head of Partnerships");
    expect(p.fields.company.value).toBe("Northwind Analytics Ltd");
    expect(p.fields.email.evidence.excerpt).toContain("olivia.bennett@northwind.example");
  });

  it("a customer's words in a group with staff are extracted; staff's own words and chats without staff are not", async () => {
    const [alice, bob, dan] = [await register("sta"), await register("cus"), await register("cud")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    await befriend(alice, dan);
    await befriend(bob, dan);
    const group = await call("POST", "/api/v1/chats", { token: alice.token, json: { type: "group", title: "Buyers", memberIds: [bob.user.id, dan.user.id] } });
    const groupId = group.body.chat.id as number;
    await send(alice, groupId, "my email is alice@staff.example"); // staff: nobody's profile
    await send(bob, dan.user.id, "my phone is +1 415 555 0134"); // no staff in this chat
    const said = await send(bob, groupId, "reach me at bob@group.example");
    const p = await profileWhen(alice, ws, bob, (x) => x.fields.email, "group message extracted");
    expect(p.fields.email).toMatchObject({ value: "bob@group.example", evidence: { chatId: groupId, messageId: said.body.message.id } });
    expect(p.fields.phone).toBeUndefined();
    const aliceAsCustomer = await call("GET", `/api/v1/workspaces/${ws}/customers/${alice.user.id}`, { token: alice.token });
    expect(aliceAsCustomer.status).toBe(404);
    // Which of my workspaces serve a user: bob's yes, my own (staff) no; a bad id is a 400.
    const serving = (who: number | string) => call("GET", `/api/v1/workspaces?customer=${who}`, { token: alice.token });
    expect((await serving(bob.user.id)).body.workspaces.map((w: any) => w.id)).toEqual([ws]);
    expect((await serving(alice.user.id)).body.workspaces).toEqual([]);
    expect((await serving("x")).status).toBe(400);
  });

  it("a job processed twice yields its facts once; an edited message replaces its facts; a deleted one withdraws them", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const sent = await send(bob, alice.user.id, "call me on +44 20 7946 0958");
    const p = await profileWhen(alice, ws, bob, (x) => x.fields.phone, "phone extracted");
    expect(p.fields.phone.value).toBe("+442079460958");
    const job: MessageJob = { kind: "message", chatKey: `p:${Math.min(alice.user.id, bob.user.id)}:${Math.max(alice.user.id, bob.user.id)}`, messageId: sent.body.message.id, senderId: bob.user.id, at: sent.body.message.date * 1000, text: "call me on +44 20 7946 0958" };
    const touched = new Set<string>();
    await handleJob(open(env.DB), env, offline, job, touched);
    await handleJob(open(env.DB), env, offline, job, touched);
    expect(touched.size).toBe(0); // nothing changed, nothing announced
    const again = (await profile(alice, ws, bob)).body.profile;
    expect(again.fields).toEqual(p.fields);
    // An edit: the old number gives way to the new one.
    const edit = await call("PATCH", `/api/v1/chats/${alice.user.id}/messages/${sent.body.message.id}`, { token: bob.token, json: { text: "call me on +44 20 7946 0000" } });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const edited = await profileWhen(alice, ws, bob, (x) => x.fields.phone?.value === "+442079460000", "edited phone");
    expect(edited.fields.phone.history.map((h: any) => h.value)).not.toContain("+442079460958");
    // Deleting the message withdraws what it gave.
    expect((await call("DELETE", `/api/v1/chats/${alice.user.id}/messages/${sent.body.message.id}`, { token: bob.token })).status).toBe(200);
    await profileWhen(alice, ws, bob, (x) => !x.fields.phone, "phone withdrawn");
  });

  it("a staff edit is never overwritten by extraction; null clears a field and extraction does not refill it", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const edit = await call("PATCH", `/api/v1/workspaces/${ws}/customers/${bob.user.id}`, { token: alice.token, json: { fields: { company: "Globex", email: null, interests: ["golf", "tea"] } } });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body.profile.fields.company).toMatchObject({ value: "Globex", source: "staff", updatedBy: alice.user.id });
    expect(edit.body.profile.fields.interests.value).toEqual(["golf", "tea"]);
    await send(bob, alice.user.id, "I work at Initech Ltd, email me at bob@initech.example and I love hiking");
    await send(bob, alice.user.id, "my phone is +1 415 555 0134");
    const p = await profileWhen(alice, ws, bob, (x) => x.fields.phone, "later message extracted");
    expect(p.fields.company).toMatchObject({ value: "Globex", source: "staff" });
    expect(p.fields.email).toMatchObject({ value: null, source: "staff" });
    expect(p.fields.interests.value).toEqual(["golf", "tea"]);
    const bad = await call("PATCH", `/api/v1/workspaces/${ws}/customers/${bob.user.id}`, { token: alice.token, json: { fields: { shoe_size: "9" } } });
    expect([bad.status, bad.body.error.code]).toEqual([400, "bad_request"]);
    expect((await call("PATCH", `/api/v1/workspaces/${ws}/customers/${bob.user.id}`, { token: alice.token, json: { fields: {} } })).status).toBe(400);
    expect((await profile(alice, ws, bob)).body.profile.fields.shoe_size).toBeUndefined();
  });

  it("tags: added and removed, a workspace library with counts, customers filtered by tag, bounded", async () => {
    const [alice, bob, dan] = [await register("sta"), await register("cus"), await register("cud")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    await befriend(alice, dan);
    const put = (who: Session, body: unknown) => call("PUT", `/api/v1/workspaces/${ws}/customers/${who.user.id}/tags`, { token: alice.token, json: body });
    expect((await put(bob, { add: [" vip ", "wholesale"] })).body).toEqual({ tags: ["vip", "wholesale"] });
    expect((await put(dan, { add: ["vip"] })).body).toEqual({ tags: ["vip"] });
    expect((await put(bob, { remove: ["wholesale"] })).body).toEqual({ tags: ["vip"] });
    const lib = await call("GET", `/api/v1/workspaces/${ws}/tags`, { token: alice.token });
    expect(lib.body).toEqual({ tags: [{ tag: "vip", count: 2 }] });
    const vip = await call("GET", `/api/v1/workspaces/${ws}/customers?tag=vip`, { token: alice.token });
    expect(vip.body.customers.map((c: any) => [c.id, c.tags])).toEqual(expect.arrayContaining([[bob.user.id, ["vip"]], [dan.user.id, ["vip"]]]));
    await put(dan, { remove: ["vip"] });
    const filtered = await call("GET", `/api/v1/workspaces/${ws}/customers?tag=vip`, { token: alice.token });
    expect(filtered.body.customers.map((c: any) => c.id)).toEqual([bob.user.id]);
    expect((await put(bob, {})).status).toBe(400);
    expect((await put(bob, { add: ["x".repeat(33)] })).status).toBe(400);
    const many = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const full = await put(bob, { add: many });
    expect([full.status, full.body.error?.code]).toEqual([409, "too_many_tags"]);
    expect((await profile(alice, ws, bob)).body.profile.tags).toEqual(["vip"]); // nothing stored
  });

  it("only staff see profiles; a user who is no customer is 404; removed staff lose access at once, sockets told", async () => {
    const [alice, carol, bob, eve, loner] = [await register("sta"), await register("stc"), await register("cus"), await register("eve"), await register("lon")];
    const ws = await workspaceWith(alice, carol);
    await befriend(alice, bob);
    await befriend(eve, bob);
    expect((await profile(alice, ws, bob)).status).toBe(200);
    const stranger = await profile(eve, ws, bob);
    expect([stranger.status, stranger.body.error.code]).toEqual([404, "workspace_not_found"]);
    const notCustomer = await profile(alice, ws, loner);
    expect([notCustomer.status, notCustomer.body.error.code]).toEqual([404, "customer_not_found"]);
    expect((await call("PATCH", `/api/v1/workspaces/${ws}/customers/${bob.user.id}`, { token: eve.token, json: { fields: { name: "x" } } })).status).toBe(404);
    expect((await call("PUT", `/api/v1/workspaces/${ws}/customers/${bob.user.id}/tags`, { token: eve.token, json: { add: ["x"] } })).status).toBe(404);
    expect((await profile(alice, ws, bob)).body.profile.tags).toEqual([]);
    const carolSocket = await connect(carol);
    expect((await call("DELETE", `/api/v1/workspaces/${ws}/staff/${carol.user.id}`, { token: alice.token })).status).toBe(200);
    await carolSocket.next((f) => f.type === "workspace_left" && f.workspaceId === ws);
    expect((await profile(carol, ws, bob)).status).toBe(404);
    carolSocket.ws.close();
  });

  it("the timeline records befriending, reads, replies and group joins toward staff; closeness ranks staff", async () => {
    const [alice, carol, bob] = [await register("sta"), await register("stc"), await register("cus")];
    const ws = await workspaceWith(alice, carol);
    await befriend(alice, bob);
    await befriend(carol, bob); // a group's creator adds friends
    const group = await call("POST", "/api/v1/chats", { token: carol.token, json: { type: "group", title: "Support room", memberIds: [bob.user.id] } });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const hi = await send(alice, bob.user.id, "hello Bob");
    expect((await call("POST", `/api/v1/chats/${alice.user.id}/read`, { token: bob.token, json: { messageId: hi.body.message.id } })).status).toBe(200);
    await send(bob, alice.user.id, "hi Alice");
    const p = await profileWhen(alice, ws, bob, (x) => ["befriended", "read", "replied", "joined_group"].every((t) => x.events.some((e: any) => e.type === t)), "timeline");
    const befriended = p.events.find((e: any) => e.type === "befriended" && e.staffId === alice.user.id);
    expect(befriended).toMatchObject({ staffId: alice.user.id, chatId: bob.user.id });
    expect(p.events.find((e: any) => e.type === "joined_group")).toMatchObject({ staffId: carol.user.id, chatId: group.body.chat.id, title: "Support room" });
    expect(p.events.find((e: any) => e.type === "read")).toMatchObject({ staffId: alice.user.id });
    for (let i = 1; i < p.events.length; i++) expect(p.events[i - 1].at).toBeGreaterThanOrEqual(p.events[i].at);
    // Both are friends; alice has messages both ways and a reply, carol shares one small group.
    expect(p.staff.map((s: any) => [s.id, s.rank])).toEqual([[alice.user.id, 1], [carol.user.id, 2]]);
    expect(p.staff[0].signals).toMatchObject({ friend: true, sent: 1, received: 1, replies: 1 });
    expect(p.staff[1].signals).toMatchObject({ friend: true, sharedGroups: 1, sent: 0, received: 0 });
    expect(p.staff[0].closeness).toBeGreaterThan(p.staff[1].closeness);
  });

  it("a customer sees what a workspace keeps and has it erased; old messages do not rebuild it, new ones may", async () => {
    const [alice, bob] = [await register("sta"), await register("cus")];
    const ws = await workspaceWith(alice);
    await befriend(alice, bob);
    const sent = await send(bob, alice.user.id, "my email is bob@erase.example");
    await profileWhen(alice, ws, bob, (x) => x.fields.email, "extracted");
    await call("PUT", `/api/v1/workspaces/${ws}/customers/${bob.user.id}/tags`, { token: alice.token, json: { add: ["lead"] } });
    const held = await call("GET", "/api/v1/me/profiles", { token: bob.token });
    expect(held.body.profiles).toHaveLength(1);
    expect(held.body.profiles[0]).toMatchObject({ workspace: { id: ws, name: "Acme Support" }, tags: ["lead"], fields: { email: { value: "bob@erase.example" } } });
    const socket = await connect(alice);
    expect((await call("DELETE", `/api/v1/me/profiles/${ws}`, { token: bob.token })).status).toBe(200);
    const cleared = await socket.next((f) => f.type === "profile_updated" && f.userId === bob.user.id && !f.profile.fields.email && f.profile.tags.length === 0);
    // What is left is the account's own name, which no workspace keeps.
    expect(cleared.profile.fields).toEqual({ name: { value: bob.user.displayName, source: "account", confidence: 1, updatedAt: 0, history: [] } });
    expect(cleared.profile.events).toEqual([]);
    expect((await call("GET", "/api/v1/me/profiles", { token: bob.token })).body.profiles).toEqual([]);
    // The old message, redelivered, does not bring the email back.
    const job: MessageJob = { kind: "message", chatKey: `p:${Math.min(alice.user.id, bob.user.id)}:${Math.max(alice.user.id, bob.user.id)}`, messageId: sent.body.message.id, senderId: bob.user.id, at: sent.body.message.date * 1000, text: "my email is bob@erase.example" };
    await handleJob(open(env.DB), env, offline, job, new Set());
    expect(Object.keys((await profile(alice, ws, bob)).body.profile.fields)).toEqual(["name"]);
    // Messages carry whole seconds: one sent in the second of the erasure counts as old (dropped).
    await new Promise((r) => setTimeout(r, 1100));
    await send(bob, alice.user.id, "new email: bob@after.example");
    await profileWhen(alice, ws, bob, (x) => x.fields.email?.value === "bob@after.example", "a new message after erasure");
    // A workspace that keeps nothing and is not linked: 404.
    const other = await register("oth");
    const otherWs = await workspaceWith(other);
    expect((await call("DELETE", `/api/v1/me/profiles/${otherWs}`, { token: bob.token })).status).toBe(404);
    socket.ws.close();
  });
});
