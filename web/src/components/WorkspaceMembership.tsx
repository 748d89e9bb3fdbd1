// Joining and leaving workspaces, my side: the invitations I hold (accept: the workspace joins
// my list; decline), and leaving a workspace I am staff of (not one I own).
import { useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { canLeave, invitationText } from "../invitations.ts";
import type { Workspace } from "../profiles-state.ts";
import { profiles, useProfiles } from "../state/profiles-live.ts";

/** The workspaces inviting me, each with Accept and Decline; nothing when there are none. */
export function InvitationsList() {
  const invitations = useProfiles((s) => s.invitations);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!invitations || invitations.length === 0) return null;

  async function act(workspaceId: number, accepting: boolean) {
    setBusy(workspaceId);
    setError(null);
    try {
      await (accepting ? profiles.accept(workspaceId) : profiles.decline(workspaceId));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : accepting ? "Could not accept the invitation" : "Could not decline the invitation");
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="people" aria-label="Invitations" data-testid="ws-invitations">
      <h3>Invitations</h3>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {invitations.map((i) => (
        <div class="person" key={i.workspace.id} data-testid={`invitation-${i.workspace.id}`}>
          <span class="person-text">
            <strong data-testid="invitation-text">{invitationText(i)}</strong>
          </span>
          <button class="btn btn-small btn-primary" disabled={busy !== null} onClick={() => void act(i.workspace.id, true)} data-testid="invitation-accept">
            Accept
          </button>
          <button class="btn btn-small" disabled={busy !== null} onClick={() => void act(i.workspace.id, false)} data-testid="invitation-decline">
            Decline
          </button>
        </div>
      ))}
    </section>
  );
}

/** "Leave workspace", for staff and admins (asks first); the page drops it once left. */
export function LeaveWorkspace({ workspace }: { workspace: Workspace }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canLeave(workspace.role)) return null;

  async function leave() {
    if (!confirm(`Leave ${workspace.name}? You lose access to its customers' profiles until you are invited again.`)) return;
    setBusy(true);
    setError(null);
    try {
      await profiles.leave(workspace.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not leave the workspace");
      setBusy(false);
    }
  }

  return (
    <section class="people" aria-label="Leave">
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button class="btn btn-small btn-danger-outline" disabled={busy} onClick={() => void leave()} data-testid="ws-leave">
        Leave workspace
      </button>
    </section>
  );
}
