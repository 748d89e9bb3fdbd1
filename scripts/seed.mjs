// Demo data through the public API, so seeding exercises the same paths users do.
// Seeds a fresh state only: the friendships, the group and the first messages are made when
// this call created every demo account. On a state where any of them already existed (a
// restart), the accounts are only logged in, so nothing users changed (a removed friend, a
// left group) is put back. A seed that failed half-way is not resumed: start on a new state.

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

/** Signs the demo users in (registering those missing); seeds the rest only on a fresh state. */
export async function seed(base) {
  const sessions = {};
  let fresh = true;
  for (const u of demoUsers) {
    let r = await api(base, "POST", "/api/v1/auth/register", { json: u });
    // 429: this address has signed up many accounts this hour (every local client is one address): an existing state.
    if (r.status === 409 || r.status === 429) {
      fresh = false;
      r = await api(base, "POST", "/api/v1/auth/login", { json: u });
      // Its owner may have changed the password: theirs to keep, not a reason not to start.
      if (r.status === 401 || r.status === 429) continue;
    }
    if (r.status >= 300) throw new Error(`seeding ${u.handle}: ${r.status} ${JSON.stringify(r.body)}`);
    sessions[u.handle] = r.body;
  }
  if (fresh) await seedRelations(base, sessions);
  else console.log("Existing state: the demo accounts are left as their users left them (not seeded again).");
  return sessions;
}

async function seedRelations(base, { alice, bob, carol }) {
  for (const [a, b] of [[alice, bob], [alice, carol], [bob, carol]]) {
    await api(base, "POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle } });
    await api(base, "POST", `/api/v1/friends/${a.user.id}/accept`, { token: b.token });
  }
  const g = await api(base, "POST", "/api/v1/chats", {
    token: alice.token,
    json: { type: "group", title: "Tea Party", memberIds: [bob.user.id, carol.user.id] },
  });
  await api(base, "POST", `/api/v1/chats/${g.body.chat.id}/messages`, { token: alice.token, json: { text: "Welcome to the tea party!" } });
  await api(base, "POST", `/api/v1/chats/${bob.user.id}/messages`, { token: alice.token, json: { text: "Hi Bob, it's Alice." } });
}

/** The customer-profiles demo (`npm start` only; the browser tests build their own). */
export const demoCustomer = { handle: "dave", password: "dave-demo-pass", displayName: "Dave Chen" };
export const demoWorkspace = "Wonderland Tea Co.";

/**
 * A workspace with alice (owner) and carol (staff: invited by alice, she accepts), and dave, a customer befriended by both,
 * whose messages to alice fill his profile through the queue. Only when dave is new.
 */
export async function seedWorkspace(base, { alice, carol }) {
  if (!alice || !carol) return false;
  const r = await api(base, "POST", "/api/v1/auth/register", { json: demoCustomer });
  if (r.status === 409 || r.status === 429) return false;
  if (r.status >= 300) throw new Error(`seeding dave: ${r.status} ${JSON.stringify(r.body)}`);
  const dave = r.body;
  const ws = await api(base, "POST", "/api/v1/workspaces", { token: alice.token, json: { name: demoWorkspace } });
  await api(base, "POST", `/api/v1/workspaces/${ws.body.workspace.id}/staff`, { token: alice.token, json: { handle: carol.user.handle, role: "staff" } });
  await api(base, "POST", `/api/v1/me/workspace-invitations/${ws.body.workspace.id}/accept`, { token: carol.token }); // staff join by consent
  for (const staff of [alice, carol]) {
    await api(base, "POST", "/api/v1/friends", { token: dave.token, json: { handle: staff.user.handle } });
    await api(base, "POST", `/api/v1/friends/${dave.user.id}/accept`, { token: staff.token });
  }
  await api(base, "POST", `/api/v1/chats/${dave.user.id}/messages`, { token: alice.token, json: { text: "Hi Dave, welcome to Wonderland Tea! How can I help?" } });
  for (const text of [
    "Hi Alice, I'm Dave Chen, purchasing manager at Northwind Trading Ltd.",
    "We need about 200 kg of oolong for our stores, budget around $15,000. My email is dave.chen@northwind.example",
    "我的手机是 138 0013 8000，我们公司在上海市浦东新区世纪大道100号。",
  ]) {
    await api(base, "POST", `/api/v1/chats/${alice.user.id}/messages`, { token: dave.token, json: { text } });
  }
  await api(base, "PUT", `/api/v1/workspaces/${ws.body.workspace.id}/customers/${dave.user.id}/tags`, { token: alice.token, json: { add: ["wholesale", "oolong"] } });
  return true;
}
