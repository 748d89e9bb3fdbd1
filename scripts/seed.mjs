// Demo data through the public API, so seeding exercises the same paths users do.
// Idempotent: users that exist are logged in, friendships and the group are made once.

export const demoUsers = [
  { handle: "alice", password: "alice-demo-pass", displayName: "Alice Liddell" },
  { handle: "bob", password: "bob-demo-pass", displayName: "Bob Marley" },
  { handle: "carol", password: "carol-demo-pass", displayName: "Carol Danvers" },
];

async function api(base, method, path, { token, json } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(`${base}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  return { status: r.status, body: await r.json().catch(() => null) };
}

export async function seed(base) {
  const sessions = {};
  for (const u of demoUsers) {
    let r = await api(base, "POST", "/api/v1/auth/register", { json: u });
    if (r.status === 409) r = await api(base, "POST", "/api/v1/auth/login", { json: u });
    if (r.status >= 300) throw new Error(`seeding ${u.handle}: ${r.status} ${JSON.stringify(r.body)}`);
    sessions[u.handle] = r.body;
  }
  const { alice, bob, carol } = sessions;
  for (const [a, b] of [[alice, bob], [alice, carol], [bob, carol]]) {
    await api(base, "POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle } });
    await api(base, "POST", `/api/v1/friends/${a.user.id}/accept`, { token: b.token });
  }
  const chats = await api(base, "GET", "/api/v1/chats", { token: alice.token });
  if (!chats.body.chats.some((c) => c.type === "group")) {
    const g = await api(base, "POST", "/api/v1/chats", {
      token: alice.token,
      json: { type: "group", title: "Tea Party", memberIds: [bob.user.id, carol.user.id] },
    });
    await api(base, "POST", `/api/v1/chats/${g.body.chat.id}/messages`, { token: alice.token, json: { text: "Welcome to the tea party!" } });
    await api(base, "POST", `/api/v1/chats/${bob.user.id}/messages`, { token: alice.token, json: { text: "Hi Bob, it's Alice." } });
  }
  return sessions;
}
