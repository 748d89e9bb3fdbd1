// Property-based bad input on every client route: whatever arrives, the answer is never a
// 5xx, and the data of the users being probed does not change.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { befriend, call, joinStaff, register, send, type Session } from "./client.ts";

type Route = { method: string; path: string; body: boolean };
const routes: Route[] = [
  { method: "POST", path: "/api/v1/auth/register", body: true },
  { method: "POST", path: "/api/v1/auth/login", body: true },
  { method: "POST", path: "/api/v1/auth/logout", body: false },
  { method: "GET", path: "/api/v1/me", body: false },
  { method: "POST", path: "/api/v1/friends", body: true },
  { method: "GET", path: "/api/v1/friends", body: false },
  { method: "GET", path: "/api/v1/friends/requests", body: false },
  { method: "POST", path: "/api/v1/friends/:user/accept", body: false },
  { method: "DELETE", path: "/api/v1/friends/:user", body: false },
  { method: "GET", path: "/api/v1/chats", body: false },
  { method: "POST", path: "/api/v1/chats", body: true },
  { method: "GET", path: "/api/v1/chats/:chat", body: false },
  { method: "POST", path: "/api/v1/chats/:chat/members", body: true },
  { method: "DELETE", path: "/api/v1/chats/:chat/members/:user", body: false },
  { method: "PUT", path: "/api/v1/chats/:chat/members/:user/role", body: true },
  { method: "GET", path: "/api/v1/chats/:chat/messages", body: false },
  { method: "POST", path: "/api/v1/chats/:chat/messages", body: true },
  { method: "PATCH", path: "/api/v1/chats/:chat/messages/:msg", body: true },
  { method: "DELETE", path: "/api/v1/chats/:chat/messages/:msg", body: false },
  { method: "POST", path: "/api/v1/chats/:chat/read", body: true },
  { method: "POST", path: "/api/v1/chats/:chat/typing", body: false },
  { method: "POST", path: "/api/v1/chats/:chat/callback", body: true },
  { method: "POST", path: "/api/v1/chats/:chat/forward", body: true },
  { method: "POST", path: "/api/v1/chats/:chat/media", body: true },
  { method: "GET", path: "/api/v1/chats/:chat/media/:file", body: false },
  { method: "POST", path: "/api/v1/inline/query", body: true },
  { method: "POST", path: "/api/v1/inline/choose", body: true },
  { method: "POST", path: "/api/v1/inline/login", body: true },
  { method: "GET", path: "/api/v1/inline/:user/:msg/:file/thumbnail", body: false },
  { method: "POST", path: "/api/v1/workspaces", body: true },
  { method: "GET", path: "/api/v1/workspaces", body: false },
  { method: "GET", path: "/api/v1/workspaces/:ws/staff", body: false },
  { method: "POST", path: "/api/v1/workspaces/:ws/staff", body: true },
  { method: "DELETE", path: "/api/v1/workspaces/:ws/staff/:user", body: false },
  { method: "GET", path: "/api/v1/workspaces/:ws/customers", body: false },
  { method: "GET", path: "/api/v1/workspaces/:ws/tags", body: false },
  { method: "GET", path: "/api/v1/workspaces/:ws/customers/:customer", body: false },
  { method: "PATCH", path: "/api/v1/workspaces/:ws/customers/:customer", body: true },
  { method: "PUT", path: "/api/v1/workspaces/:ws/customers/:customer/tags", body: true },
  { method: "GET", path: "/api/v1/me/profiles", body: false },
  { method: "DELETE", path: "/api/v1/me/profiles/:ws", body: false },
  { method: "GET", path: "/api/v1/me/workspace-invitations", body: false },
  { method: "POST", path: "/api/v1/me/workspace-invitations/:ws/accept", body: false },
  { method: "DELETE", path: "/api/v1/me/workspace-invitations/:ws", body: false },
  { method: "POST", path: "/api/v1/workspaces/:ws/leave", body: false },
  { method: "GET", path: "/api/v1/me/contacts", body: false },
  { method: "POST", path: "/api/v1/me/contacts", body: true },
  { method: "POST", path: "/api/v1/me/contacts/verify", body: true },
  { method: "DELETE", path: "/api/v1/me/contacts/:channel", body: false },
  { method: "GET", path: "/api/v1/me/notification-preferences", body: false },
  { method: "PUT", path: "/api/v1/me/notification-preferences", body: true },
  { method: "GET", path: "/api/v1/me/channels", body: false },
  { method: "GET", path: "/api/v1/sandbox/outbox", body: false },
];

let alice: Session, bob: Session, carol: Session, mallory: Session, groupId: number, wsId: number;

async function snapshot() {
  const chats = (await call("GET", "/api/v1/chats", { token: alice.token })).body.chats;
  const detail = [];
  for (const c of chats) {
    detail.push((await call("GET", `/api/v1/chats/${c.id}`, { token: alice.token })).body);
    detail.push((await call("GET", `/api/v1/chats/${c.id}/messages?limit=100`, { token: alice.token })).body);
  }
  const friends = [alice, bob].map((s) => call("GET", "/api/v1/friends", { token: s.token }).then((r) => r.body));
  const workspaces = [`/api/v1/workspaces`, `/api/v1/workspaces/${wsId}/staff`, `/api/v1/workspaces/${wsId}/customers/${carol.user.id}`, `/api/v1/workspaces/${wsId}/tags`].map((p) =>
    call("GET", p, { token: alice.token }).then((r) => r.body),
  );
  workspaces.push(call("GET", "/api/v1/me/profiles", { token: carol.token }).then((r) => r.body));
  workspaces.push(call("GET", "/api/v1/me/contacts", { token: alice.token }).then((r) => r.body));
  workspaces.push(call("GET", "/api/v1/me/notification-preferences", { token: alice.token }).then((r) => r.body));
  return { chats, detail, friends: await Promise.all(friends), workspaces: await Promise.all(workspaces) };
}

const segment = () =>
  fc.oneof(
    fc.constantFrom(String(alice.user.id), String(bob.user.id), String(carol.user.id), String(groupId), String(wsId), "1", "0", "-1", "2147483648", "1e3", "0x10", "%00", "..", "null"),
    fc.integer().map(String),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  );

function fill(path: string) {
  return fc.tuple(segment(), segment(), segment(), segment()).map(([chat, user, msg, file]) =>
    path.replace(":chat", chat || "x").replace(":ws", chat || "x").replace(":user", user || "x").replace(":customer", user || "x").replace(":msg", msg || "x").replace(":file", file || "x").replace(":channel", file || "x"),
  );
}

const anyBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.record(
    {
      handle: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      password: fc.oneof(fc.string(), fc.integer()),
      text: fc.oneof(fc.string({ maxLength: 5000 }), fc.integer(), fc.constant(null), fc.array(fc.string())),
      type: fc.constantFrom("group", "private", "channel", 3),
      title: fc.oneof(fc.string(), fc.integer()),
      memberIds: fc.oneof(fc.array(fc.integer()), fc.string()),
      userIds: fc.oneof(fc.array(fc.integer()), fc.string()),
      userId: fc.oneof(fc.integer(), fc.string()),
      messageId: fc.oneof(fc.integer(), fc.double(), fc.string()),
      clientMsgId: fc.oneof(fc.string({ maxLength: 100 }), fc.integer()),
      replyTo: fc.oneof(fc.integer(), fc.string()),
      role: fc.constantFrom("owner", "admin", "member", "god", 1),
      data: fc.oneof(fc.string({ maxLength: 100 }), fc.integer()),
      fromChatId: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      messageIds: fc.oneof(fc.array(fc.integer({ min: -2, max: 5 })), fc.array(fc.integer(), { maxLength: 200 }), fc.string()),
      location: fc.oneof(fc.record({ latitude: fc.double(), longitude: fc.double() }), fc.jsonValue()),
      contact: fc.oneof(fc.record({ phoneNumber: fc.string(), firstName: fc.string() }), fc.jsonValue()),
      fields: fc.oneof(fc.dictionary(fc.constantFrom("name", "email", "interests", "shoe", ""), fc.oneof(fc.string({ maxLength: 600 }), fc.constant(null), fc.array(fc.string()), fc.integer())), fc.jsonValue()),
      primary: fc.oneof(fc.constantFrom("email", "sms", "in_app", "fax", null), fc.integer()),
      quietHours: fc.oneof(fc.record({ start: fc.string({ maxLength: 6 }), end: fc.string({ maxLength: 6 }), timeZone: fc.constantFrom("UTC", "Europe/Berlin", "Nowhere/Else", "") }), fc.jsonValue()),
      add: fc.oneof(fc.array(fc.string({ maxLength: 40 }), { maxLength: 60 }), fc.jsonValue()),
      remove: fc.oneof(fc.array(fc.string({ maxLength: 40 })), fc.jsonValue()),
      channel: fc.oneof(fc.constantFrom("sms", "email", "official_account", "in_app", ""), fc.string(), fc.integer()),
      address: fc.oneof(fc.constantFrom("+447400123456", "a@b.co", "oa_1", "+1 234", "a@", "x".repeat(300)), fc.string({ maxLength: 400 }), fc.integer(), fc.constant(null)),
      code: fc.oneof(fc.constantFrom("123456", "12345", "1234567", " 123 456 "), fc.string({ maxLength: 40 }), fc.integer()),
    },
    { requiredKeys: [] },
  ).map((v) => JSON.stringify(v)),
);

/** Bodies that can never be valid: not JSON, not an object, or missing every required field. */
const invalidBody = fc.oneof(
  fc.string().filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer())).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).map((k) => `zz_${k}`), fc.jsonValue()).map((v) => JSON.stringify(v)),
);

describe("bad input", () => {
  beforeAll(async () => {
    [alice, bob, carol, mallory] = [await register("alice"), await register("bob"), await register("carol"), await register("mallory")];
    await befriend(alice, bob);
    groupId = (await call("POST", "/api/v1/chats", { token: alice.token, json: { type: "group", title: "Ours", memberIds: [bob.user.id] } })).body.chat.id;
    await send(alice, bob.user.id, "private words");
    await send(bob, groupId, "group words");
    wsId = (await call("POST", "/api/v1/workspaces", { token: alice.token, json: { name: "Shop" } })).body.workspace.id;
    await joinStaff(alice, wsId, bob);
    await befriend(alice, carol); // carol: the workspace's customer
    // The queue settles first: carol's befriending reaches her timeline asynchronously.
    for (let i = 0; i < 100; i++) {
      const p = await call("GET", `/api/v1/workspaces/${wsId}/customers/${carol.user.id}`, { token: alice.token });
      if (p.body.profile?.events?.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it("never answers 5xx to strangers and anonymous callers, and changes nothing of others", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes).chain((r) => fc.tuple(fc.constant(r), fill(r.path), anyBody, fc.boolean())),
        async ([route, path, body, anonymous]) => {
          const r = await call(route.method, path, {
            token: anonymous ? undefined : mallory.token,
            body: route.body ? body : undefined,
            headers: route.body ? { "Content-Type": "application/json" } : {},
          });
          expect(r.status, `${route.method} ${path} ${body} -> ${JSON.stringify(r.body)}`).toBeLessThan(500);
          if (r.status >= 400) expect(r.body.error.message).toEqual(expect.any(String));
          if (route.path === "/api/v1/auth/logout" && r.status === 200) mallory = await register("mallory");
        },
      ),
      { numRuns: 300 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("answers a member's malformed bodies with 400 and leaves the chat as it was", async () => {
    const before = await snapshot();
    const bodied = routes.filter((r) => r.body && !r.path.startsWith("/api/v1/auth"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodied), fc.constantFrom(String(bob.user.id), String(groupId)), invalidBody, async (route, chat, body) => {
        const path = route.path.replace(":chat", chat).replace(":channel", "email").replace(":ws", String(wsId)).replace(":user", String(bob.user.id)).replace(":customer", String(carol.user.id)).replace(":msg", "1");
        const r = await call(route.method, path, { token: alice.token, body, headers: { "Content-Type": "application/json" } });
        expect(r.status, `${route.method} ${path} ${body} -> ${JSON.stringify(r.body)}`).toBe(400);
      }),
      { numRuns: 200 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
