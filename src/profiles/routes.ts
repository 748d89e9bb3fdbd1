// Workspaces and their staff and customers (ARCHITECTURE.md 4.2), under /api/v1/workspaces.
// Every route about one workspace goes through guard.ts's admit.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import { findByHandle } from "../accounts/queries.ts";
import { open } from "../platform/d1.ts";
import { failure } from "../platform/errors.ts";
import { body, parse, positiveId } from "../platform/validate.ts";
import { admit } from "./guard.ts";
import { createWorkspace, customersOf, removeStaff, roleIn, staffOf, workspacesOf } from "./queries.ts";
import { canRemoveStaff, cleanName, MAX_CUSTOMERS, MAX_MEMBERSHIPS, NAME_MAX, TAG_MAX } from "./rules.ts";
import { dropInvitation, invite, invitedTo, membershipsOf } from "./invitations.ts";
import { announceLeft } from "./notify.ts";
import { linkedStaff } from "./links.ts";

const createBody = z.object({
  name: z
    .string()
    .max(NAME_MAX * 4)
    .transform((s, ctx) => cleanName(s) ?? (ctx.addIssue({ code: "custom", message: `must be 1 to ${NAME_MAX} characters, trimmed` }), z.NEVER)),
});
const staffBody = z.object({ handle: z.string().min(1).max(64), role: z.enum(["admin", "staff"]).default("staff") });
const customersQuery = z.object({
  q: z.string().max(64).default(""),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_CUSTOMERS, `must be 1 to ${MAX_CUSTOMERS}`)
    .default(MAX_CUSTOMERS),
  after: z.string().max(64).default(""),
  tag: z.string().max(TAG_MAX * 4).default(""),
});

export const workspaceRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { name } = await body(c, createBody);
    const db = open(c.env.DB);
    if ((await membershipsOf(db, c.get("user").id)) >= MAX_MEMBERSHIPS) throw failure("too_many_memberships");
    const created = await createWorkspace(db, c.get("user").id, name);
    if (!created) throw failure("too_many_workspaces");
    return c.json({ workspace: created }, 201);
  })
  // `?customer=ID`: only those where that user is a customer (the web app asks before showing a profile).
  .get("/", async (c) => {
    const db = open(c.env.DB);
    const mine = await workspacesOf(db, c.get("user").id);
    const asked = c.req.query("customer");
    if (asked === undefined) return c.json({ workspaces: mine });
    const customer = parse(positiveId, asked);
    const linked = await Promise.all(mine.map(async (w) => (await linkedStaff(db, w.id, customer)).length > 0));
    return c.json({ workspaces: mine.filter((_, i) => linked[i]) });
  })
  .get("/:wsId/staff", async (c) => {
    const { db, workspace } = await admit(c, "list_staff");
    return c.json({ staff: await staffOf(db, workspace), invited: await invitedTo(db, workspace) });
  })
  // Adding staff invites them: they become staff (and see customers) only once they accept.
  .post("/:wsId/staff", async (c) => {
    const { db, workspace, me } = await admit(c, "add_staff");
    const { handle, role } = await body(c, staffBody);
    const user = await findByHandle(db, handle);
    if (!user || user.isBot) throw failure("handle_not_found");
    const invited = await invite(db, workspace, user.id, role, me, Date.now());
    if (invited !== "invited") throw failure(invited);
    const [ws] = (await workspacesOf(db, me)).filter((w) => w.id === workspace);
    await c.env.USERS.getByName(String(user.id))
      .deliver([{ type: "workspace_invited", workspaceId: workspace, name: ws!.name, role }])
      .catch((err) => console.error("workspace_invited not delivered", err));
    return c.json({ staff: { id: user.id, handle: user.handle, displayName: user.displayName, role, status: "invited" } }, 201);
  })
  // A staff member leaves (the owner cannot: the workspace would have none).
  .post("/:wsId/leave", async (c) => {
    const { db, workspace, me, role } = await admit(c, "view");
    if (role === "owner") throw failure("owner_cannot_leave");
    await removeStaff(db, workspace, me);
    await announceLeft(c.env, workspace, me).catch((err) => console.error("workspace_left not delivered", err));
    return c.json({ ok: true });
  })
  .delete("/:wsId/staff/:userId", async (c) => {
    const { db, workspace, role } = await admit(c, "remove_staff");
    const target = parse(positiveId, c.req.param("userId"));
    const targetRole = await roleIn(db, workspace, target);
    // Someone invited, not yet staff: the invitation is withdrawn.
    if (!targetRole && (await dropInvitation(db, workspace, target))) return c.json({ ok: true });
    if (!targetRole) throw failure("staff_not_found");
    if (targetRole === "owner") throw failure("cant_remove_workspace_owner");
    if (!canRemoveStaff(role, targetRole)) throw failure("workspace_forbidden");
    await removeStaff(db, workspace, target);
    // Access is checked on every request; the removed member's open sockets learn it now.
    await announceLeft(c.env, workspace, target).catch((err) => console.error("workspace_left not delivered", err));
    return c.json({ ok: true });
  })
  .get("/:wsId/customers", async (c) => {
    const { db, workspace } = await admit(c, "list_customers");
    const query = parse(customersQuery, c.req.query());
    return c.json({ customers: await customersOf(db, workspace, { ...query, tag: query.tag.trim() }) });
  });
