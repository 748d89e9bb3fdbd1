// The invitee's side of joining a workspace (mounted at /api/v1/me/workspace-invitations):
// list the invitations I hold, accept one (I become staff with the role offered) or decline.
import { Hono } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { open } from "../platform/d1.ts";
import { failure } from "../platform/errors.ts";
import { parse, positiveId } from "../platform/validate.ts";
import { accept, dropInvitation, invitationsOf } from "./invitations.ts";

export const invitationRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ invitations: await invitationsOf(open(c.env.DB), c.get("user").id) }))
  .post("/:wsId/accept", async (c) => {
    const workspace = parse(positiveId, c.req.param("wsId"));
    const accepted = await accept(open(c.env.DB), workspace, c.get("user").id);
    if (typeof accepted === "string") throw failure(accepted);
    return c.json({ workspace: { id: workspace, name: accepted.name, role: accepted.role } });
  })
  .delete("/:wsId", async (c) => {
    const workspace = parse(positiveId, c.req.param("wsId"));
    if (!(await dropInvitation(open(c.env.DB), workspace, c.get("user").id))) throw failure("invitation_not_found");
    return c.json({ ok: true });
  });
