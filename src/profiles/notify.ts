// One live profile (issue 9 point 8): after a change, every linked staff member's open
// sockets get `profile_updated` with the profile as they see it. Delivery is best effort per
// person (a socket that is gone misses nothing it cannot read again with GET).
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { loadProfile } from "./view.ts";

export async function announce(env: Env, workspace: number, customer: number, now = Date.now()): Promise<void> {
  const loaded = await loadProfile(open(env.DB), workspace, customer, now);
  if (!loaded) return;
  const results = await Promise.allSettled(
    loaded.staffIds.map((id) => env.USERS.getByName(String(id)).deliver([{ type: "profile_updated", workspaceId: workspace, userId: customer, profile: loaded.as(id) }])),
  );
  for (const r of results) if (r.status === "rejected") console.error("profile_updated not delivered", workspace, customer, r.reason);
}

/** Tells a removed staff member's sockets that the workspace is gone for them. */
export async function announceLeft(env: Env, workspace: number, user: number): Promise<void> {
  await env.USERS.getByName(String(user)).deliver([{ type: "workspace_left", workspaceId: workspace }]);
}
