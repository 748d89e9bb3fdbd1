// A workspace's staff: the list, inviting by handle with a role (they join when they accept;
// the invited are listed under the staff and can be withdrawn), removing (as the role rule
// allows; the server's refusals are shown as it words them).
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { canWithdraw, invitedConfirmation, type InvitedMember } from "../invitations.ts";
import type { StaffMember } from "../profiles-api.ts";
import { canAddStaff, canRemove, type Workspace } from "../profiles-state.ts";
import { profiles } from "../state/profiles-live.ts";
import type { User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";

export function WorkspaceStaff({ workspace, me }: { workspace: Workspace; me: User }) {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [invited, setInvited] = useState<InvitedMember[]>([]);
  const [handle, setHandle] = useState("");
  const [role, setRole] = useState<"staff" | "admin">("staff");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function load() {
    try {
      const listed = await profiles.api.staff(workspace.id);
      setStaff(listed.staff);
      setInvited(listed.invited ?? []);
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof ApiError ? e.message : "Could not load the staff" });
    }
  }
  useEffect(() => void load(), [workspace.id]);

  async function add(e: Event) {
    e.preventDefault();
    const h = handle.trim().replace(/^@/, "");
    if (!h) return;
    setBusy(true);
    setMessage(null);
    try {
      const { staff: added } = await profiles.api.addStaff(workspace.id, h, role);
      setMessage({ kind: "ok", text: invitedConfirmation(added.handle) });
      setHandle("");
      await load();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? err.message : "Could not add them" });
    } finally {
      setBusy(false);
    }
  }

  async function remove(s: StaffMember) {
    if (!confirm(`Remove @${s.handle} from ${workspace.name}? They lose access to its profiles at once.`)) return;
    setMessage(null);
    try {
      await profiles.api.removeStaff(workspace.id, s.id);
      await load();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? err.message : "Could not remove them" });
    }
  }

  async function withdraw(i: InvitedMember) {
    if (!confirm(`Withdraw the invitation of @${i.handle} to ${workspace.name}?`)) return;
    setMessage(null);
    try {
      await profiles.api.removeStaff(workspace.id, i.id);
      await load();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? err.message : "Could not withdraw the invitation" });
      await load();
    }
  }

  return (
    <section class="people" aria-label="Staff" data-testid="ws-staff">
      <h3>Staff</h3>
      {canAddStaff(workspace.role) && (
        <form class="ws-form" onSubmit={add}>
          <input
            placeholder="Invite staff by handle"
            aria-label="Staff member's handle"
            autoCapitalize="none"
            spellcheck={false}
            maxLength={64}
            value={handle}
            onInput={(e) => setHandle(e.currentTarget.value)}
            data-testid="staff-handle"
          />
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.currentTarget.value as "staff" | "admin")} data-testid="staff-role">
            <option value="staff">Staff</option>
            <option value="admin">Admin</option>
          </select>
          <button class="btn btn-primary" type="submit" disabled={busy || !handle.trim()} data-testid="staff-add">
            Invite
          </button>
        </form>
      )}
      {message && (
        <p class={message.kind === "ok" ? "form-ok" : "form-error"} role={message.kind === "ok" ? "status" : "alert"} data-testid="staff-message-line">
          {message.text}
        </p>
      )}
      {!staff ? (
        <p class="muted">Loading…</p>
      ) : (
        staff.map((s) => (
          <div class="person" key={s.id} data-testid={`staff-${s.id}`}>
            <Avatar id={s.id} name={s.displayName} size={32} />
            <span class="person-text">
              <strong>
                {s.displayName}
                {s.id === me.id ? " (you)" : ""}
              </strong>
              <small>
                @{s.handle} · {s.role}
              </small>
            </span>
            {canRemove(workspace.role, s.role, s.id === me.id) && (
              <button class="btn btn-small btn-danger-outline" aria-label={`Remove @${s.handle}`} onClick={() => void remove(s)} data-testid={`staff-remove-${s.id}`}>
                Remove
              </button>
            )}
          </div>
        ))
      )}
      {invited.map((i) => (
        <div class="person" key={`invited-${i.id}`} data-testid={`invited-${i.id}`}>
          <Avatar id={i.id} name={i.displayName} size={32} />
          <span class="person-text">
            <strong>{i.displayName}</strong>
            <small>
              @{i.handle} · {i.role}
            </small>
          </span>
          <span class="chip" data-testid="invited-badge">
            invited
          </span>
          {canWithdraw(workspace.role) && (
            <button class="btn btn-small btn-danger-outline" aria-label={`Withdraw the invitation of @${i.handle}`} onClick={() => void withdraw(i)} data-testid={`invited-withdraw-${i.id}`}>
              Withdraw
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
