// Workspaces (ARCHITECTURE.md 4.2): created and listed, staff added by handle with a role,
// only staff see a workspace (others get 404 as if it did not exist), removal takes effect at
// once, customers are the staff's friends and fellow group members who are not staff, bounds.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { befriend, call, connect, joinStaff, register, type Session } from "./client.ts";

async function createWorkspace(s: Session, name = "Acme") {
  const r = await call("POST", "/api/v1/workspaces", { token: s.token, json: { name } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.workspace.id as number;
}

async function addStaff(s: Session, ws: number, handle: string, role?: string) {
  return call("POST", `/api/v1/workspaces/${ws}/staff`, { token: s.token, json: role ? { handle, role } : { handle } });
}

const customers = async (s: Session, ws: number, q = "") =>
  call("GET", `/api/v1/workspaces/${ws}/customers${q ? `?q=${encodeURIComponent(q)}` : ""}`, { token: s.token });

describe("workspaces", () => {
  it("creates a workspace with the caller as owner, trims its name and lists it with the role", async () => {
    const owner = await register("own");
    const r = await call("POST", "/api/v1/workspaces", { token: owner.token, json: { name: "  Acme Support  " } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ workspace: { id: expect.any(Number), name: "Acme Support" } });
    const list = await call("GET", "/api/v1/workspaces", { token: owner.token });
    expect(list.body).toEqual({ workspaces: [{ id: r.body.workspace.id, name: "Acme Support", role: "owner" }] });
    const other = await register("oth");
    expect((await call("GET", "/api/v1/workspaces", { token: other.token })).body).toEqual({ workspaces: [] });
  });

  it("refuses empty and over-long names and stores nothing", async () => {
    const owner = await register("own");
    for (const name of ["", "   ", "x".repeat(65), 7]) {
      const r = await call("POST", "/api/v1/workspaces", { token: owner.token, json: { name } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("bad_request");
    }
    expect((await call("GET", "/api/v1/workspaces", { token: owner.token })).body.workspaces).toEqual([]);
  });

  it("invites staff by handle with a role; they join when they accept; admins invite too, staff cannot; unknown handles 404, repeats 409", async () => {
    const [owner, admin, staff, late] = [await register("own"), await register("adm"), await register("stf"), await register("lat")];
    const ws = await createWorkspace(owner);
    const adminSocket = await connect(admin);
    const a = await addStaff(owner, ws, admin.user.handle.toUpperCase(), "admin");
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ staff: { id: admin.user.id, handle: admin.user.handle, displayName: admin.user.displayName, role: "admin", status: "invited" } });
    await adminSocket.next((f) => f.type === "workspace_invited" && f.workspaceId === ws && f.name === "Acme" && f.role === "admin");
    adminSocket.ws.close();
    // Invited is not staff: nothing of the workspace is theirs until they accept.
    expect((await customers(admin, ws)).status).toBe(404);
    expect((await call("GET", "/api/v1/workspaces", { token: admin.token })).body.workspaces).toEqual([]);
    const held = await call("GET", "/api/v1/me/workspace-invitations", { token: admin.token });
    expect(held.body.invitations).toEqual([{ workspace: { id: ws, name: "Acme" }, role: "admin", invitedBy: { id: owner.user.id, handle: owner.user.handle, displayName: owner.user.displayName }, at: expect.any(Number) }]);
    const pending = await call("GET", `/api/v1/workspaces/${ws}/staff`, { token: owner.token });
    expect(pending.body.invited.map((m: { id: number; status: string }) => [m.id, m.status])).toEqual([[admin.user.id, "invited"]]);
    const joined = await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: admin.token });
    expect(joined.body).toEqual({ workspace: { id: ws, name: "Acme", role: "admin" } });
    expect((await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: admin.token })).status).toBe(404);
    const s = await addStaff(admin, ws, staff.user.handle);
    expect([s.status, s.body.staff.role]).toEqual([201, "staff"]);
    expect((await addStaff(admin, ws, staff.user.handle)).body.error.code).toBe("already_invited");
    await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: staff.token });
    expect((await addStaff(staff, ws, late.user.handle)).body.error.code).toBe("workspace_forbidden");
    expect((await addStaff(staff, ws, late.user.handle)).status).toBe(403);
    const unknown = await addStaff(owner, ws, "nobody_here_at_all");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "handle_not_found"]);
    const again = await addStaff(owner, ws, staff.user.handle, "admin");
    expect([again.status, again.body.error.code]).toEqual([409, "already_staff"]);
    expect((await addStaff(owner, ws, late.user.handle, "owner")).status).toBe(400);
    const list = await call("GET", `/api/v1/workspaces/${ws}/staff`, { token: staff.token });
    expect(list.body.staff.map((m: { id: number; role: string }) => [m.id, m.role])).toEqual([
      [owner.user.id, "owner"],
      [admin.user.id, "admin"],
      [staff.user.id, "staff"],
    ]);
    expect(list.body.invited).toEqual([]);
    expect((await call("GET", "/api/v1/workspaces", { token: staff.token })).body.workspaces).toEqual([{ id: ws, name: "Acme", role: "staff" }]);
  });

  it("an invitation declined or withdrawn leaves nothing; staff leave by themselves, the owner cannot", async () => {
    const [owner, a, b] = [await register("own"), await register("ina"), await register("inb")];
    const ws = await createWorkspace(owner);
    await addStaff(owner, ws, a.user.handle);
    expect((await call("DELETE", `/api/v1/me/workspace-invitations/${ws}`, { token: a.token })).status).toBe(200);
    expect((await call("GET", "/api/v1/me/workspace-invitations", { token: a.token })).body.invitations).toEqual([]);
    expect((await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: a.token })).body.error.code).toBe("invitation_not_found");
    await addStaff(owner, ws, b.user.handle);
    expect((await call("DELETE", `/api/v1/workspaces/${ws}/staff/${b.user.id}`, { token: owner.token })).status).toBe(200);
    expect((await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: b.token })).status).toBe(404);
    await joinStaff(owner, ws, a);
    const socket = await connect(a);
    expect((await call("POST", `/api/v1/workspaces/${ws}/leave`, { token: a.token })).status).toBe(200);
    await socket.next((f) => f.type === "workspace_left" && f.workspaceId === ws);
    socket.ws.close();
    expect((await customers(a, ws)).status).toBe(404);
    const ownerLeaves = await call("POST", `/api/v1/workspaces/${ws}/leave`, { token: owner.token });
    expect([ownerLeaves.status, ownerLeaves.body.error.code]).toEqual([403, "owner_cannot_leave"]);
    expect((await call("POST", `/api/v1/workspaces/${ws}/leave`, { token: b.token })).status).toBe(404);
  });

  it("hides a workspace from non-staff: 404 on every route, as for one that does not exist", async () => {
    const [owner, stranger] = [await register("own"), await register("str")];
    const ws = await createWorkspace(owner);
    for (const [method, path, json] of [
      ["GET", `/api/v1/workspaces/${ws}/staff`, undefined],
      ["POST", `/api/v1/workspaces/${ws}/staff`, { handle: stranger.user.handle }],
      ["DELETE", `/api/v1/workspaces/${ws}/staff/${owner.user.id}`, undefined],
      ["GET", `/api/v1/workspaces/${ws}/customers`, undefined],
      ["GET", `/api/v1/workspaces/99999999/customers`, undefined],
    ] as const) {
      const r = await call(method, path, { token: stranger.token, json });
      expect([r.status, r.body.error.code], `${method} ${path}`).toEqual([404, "workspace_not_found"]);
    }
    expect((await call("GET", `/api/v1/workspaces/${ws}/staff`, { token: owner.token })).body.staff).toHaveLength(1);
  });

  it("removes staff: a removed member loses access at once; the owner cannot be removed; admins remove staff only", async () => {
    const [owner, admin, admin2, staff] = [await register("own"), await register("adm"), await register("ad2"), await register("stf")];
    const ws = await createWorkspace(owner);
    await joinStaff(owner, ws, admin, "admin");
    await joinStaff(owner, ws, admin2, "admin");
    await joinStaff(owner, ws, staff);
    expect((await customers(staff, ws)).status).toBe(200);
    const ownerGone = await call("DELETE", `/api/v1/workspaces/${ws}/staff/${owner.user.id}`, { token: admin.token });
    expect([ownerGone.status, ownerGone.body.error.code]).toEqual([403, "cant_remove_workspace_owner"]);
    const adminGone = await call("DELETE", `/api/v1/workspaces/${ws}/staff/${admin2.user.id}`, { token: admin.token });
    expect([adminGone.status, adminGone.body.error.code]).toEqual([403, "workspace_forbidden"]);
    const byStaff = await call("DELETE", `/api/v1/workspaces/${ws}/staff/${admin.user.id}`, { token: staff.token });
    expect(byStaff.status).toBe(403);
    const r = await call("DELETE", `/api/v1/workspaces/${ws}/staff/${staff.user.id}`, { token: admin.token });
    expect(r.status).toBe(200);
    expect((await customers(staff, ws)).status).toBe(404);
    expect((await call("GET", `/api/v1/workspaces/${ws}/staff`, { token: staff.token })).status).toBe(404);
    expect((await call("GET", "/api/v1/workspaces", { token: staff.token })).body.workspaces).toEqual([]);
    const twice = await call("DELETE", `/api/v1/workspaces/${ws}/staff/${staff.user.id}`, { token: admin.token });
    expect([twice.status, twice.body.error.code]).toEqual([404, "staff_not_found"]);
    expect((await call("DELETE", `/api/v1/workspaces/${ws}/staff/${admin2.user.id}`, { token: owner.token })).status).toBe(200);
  });

  it("customers are the staff's friends and fellow group members, minus staff, filtered by q", async () => {
    const [owner, staff, friend, grouper, fellow, stranger] = [
      await register("own"),
      await register("stf"),
      await register("fri"),
      await register("grp"),
      await register("fel"),
      await register("str"),
    ];
    const ws = await createWorkspace(owner);
    await joinStaff(owner, ws, staff);
    await befriend(owner, friend); // a friend of the owner
    await befriend(owner, staff); // staff befriended: not a customer
    await befriend(grouper, staff); // a friend of a staff member
    await befriend(grouper, fellow); // not a friend of any staff, but in a group with one
    const g = await call("POST", "/api/v1/chats", { token: grouper.token, json: { type: "group", title: "G", memberIds: [staff.user.id, fellow.user.id] } });
    expect(g.status).toBe(201);
    await befriend(stranger, fellow); // linked to a customer only: not a customer
    await call("POST", "/api/v1/friends", { token: stranger.token, json: { handle: owner.user.handle } }); // a request, not a friendship
    const r = await customers(staff, ws);
    expect(r.status).toBe(200);
    const ids = r.body.customers.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b);
    expect(ids).toEqual([friend.user.id, grouper.user.id, fellow.user.id].sort((a, b) => a - b));
    expect(r.body.customers.find((c: { id: number }) => c.id === friend.user.id)).toEqual({
      id: friend.user.id,
      handle: friend.user.handle,
      displayName: friend.user.displayName,
      tags: [],
    });
    const q = await customers(owner, ws, fellow.user.handle.slice(0, 10).toUpperCase());
    expect(q.body.customers.map((c: { id: number }) => c.id)).toEqual([fellow.user.id]);
    expect((await customers(owner, ws, "%")).body.customers).toEqual([]);
    // A customer invited stays a customer until they join the staff; then a customer no more.
    await addStaff(owner, ws, friend.user.handle);
    expect((await customers(owner, ws)).body.customers.map((c: { id: number }) => c.id)).toContain(friend.user.id);
    await call("POST", `/api/v1/me/workspace-invitations/${ws}/accept`, { token: friend.token });
    expect((await customers(owner, ws)).body.customers.map((c: { id: number }) => c.id)).not.toContain(friend.user.id);
    expect((await call("GET", `/api/v1/workspaces/${ws}/customers?limit=1`, { token: owner.token })).body.customers).toHaveLength(1);
    expect((await call("GET", `/api/v1/workspaces/${ws}/customers?limit=201`, { token: owner.token })).status).toBe(400);
  });

  it("bounds: 20 workspaces per owner, 500 staff and invitations per workspace, 50 invitations per user; a refusal stores nothing", async () => {
    const owner = await register("own");
    for (let i = 0; i < 20; i++) await createWorkspace(owner, `W${i}`);
    const over = await call("POST", "/api/v1/workspaces", { token: owner.token, json: { name: "one more" } });
    expect([over.status, over.body.error.code]).toEqual([409, "too_many_workspaces"]);
    expect((await call("GET", "/api/v1/workspaces", { token: owner.token })).body.workspaces).toHaveLength(20);

    const boss = await register("bos");
    const ws = await createWorkspace(boss);
    // Fill the workspace to 499 staff directly in D1 (registering 500 users through the API is slow).
    const base = 900_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
    const stmts = [];
    for (let i = 0; i < 499; i++) {
      stmts.push(env.DB.prepare("insert into users (id, handle, handle_key, display_name, password_hash) values (?, ?, ?, ?, 'x')").bind(base + i, `bulk${base + i}`, `bulk${base + i}`, "Bulk"));
    }
    await env.DB.batch(stmts);
    for (let i = 0; i < 498; i += 90) {
      const ids = Array.from({ length: Math.min(90, 498 - i) }, (_, k) => base + i + k);
      await env.DB.prepare(`insert into workspace_staff (workspace, user, role) select ?, value, 'staff' from json_each(?)`).bind(ws, JSON.stringify(ids)).run();
    }
    const last = await addStaff(boss, ws, `bulk${base + 498}`);
    expect(last.status).toBe(201);
    const extra = await register("ext");
    const full = await addStaff(boss, ws, extra.user.handle);
    expect([full.status, full.body.error.code]).toEqual([409, "workspace_full"]);
    const listed = (await call("GET", `/api/v1/workspaces/${ws}/staff`, { token: boss.token })).body;
    expect([listed.staff.length, listed.invited.length]).toEqual([499, 1]);
    // One user holds at most 50 invitations: a flood of workspaces inviting them stops there.
    const target = await register("tgt");
    for (let i = 0; i < 17; i++) {
      const other = await register(`sp${i}`);
      for (let k = 0; k < 3; k++) {
        const w = await createWorkspace(other, `T${k}`);
        const r = await addStaff(other, w, target.user.handle);
        if (i * 3 + k >= 50) expect([r.status, r.body.error.code]).toEqual([409, "too_many_invitations"]);
      }
    }
    expect((await call("GET", "/api/v1/me/workspace-invitations", { token: target.token })).body.invitations).toHaveLength(50);
  });
});
