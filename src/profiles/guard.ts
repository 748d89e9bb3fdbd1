// The one guard of every workspace route: reads the caller's role from D1 on each request (so
// a removed staff member loses access at once) and applies rules.ts's decision.
import type { Context } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { open, type Db } from "../platform/d1.ts";
import { failure } from "../platform/errors.ts";
import { parse, positiveId } from "../platform/validate.ts";
import { roleIn } from "./queries.ts";
import { decide, type WorkspaceAct, type WorkspaceRole } from "./rules.ts";

export interface Admitted {
  db: Db;
  workspace: number;
  me: number;
  role: WorkspaceRole;
}

/** Admits the caller to `act` in the workspace of the path's `wsId`, or throws the refusal. */
export async function admit(c: Context<AppEnv>, act: WorkspaceAct): Promise<Admitted> {
  const workspace = parse(positiveId, c.req.param("wsId"));
  const db = open(c.env.DB);
  const me = c.get("user").id;
  const role = await roleIn(db, workspace, me);
  const decision = decide(role, act);
  if (decision === "hidden") throw failure("workspace_not_found");
  if (decision === "forbidden") throw failure("workspace_forbidden");
  return { db, workspace, me, role: role! };
}
