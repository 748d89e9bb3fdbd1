// The workspace page: create a workspace, answer invitations, pick one of mine, manage its
// staff, browse its customers or leave it; a customer opens their profile here (the same view
// as beside a chat).
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import type { Workspace } from "../profiles-state.ts";
import { profiles, useProfiles } from "../state/profiles-live.ts";
import type { User } from "../types.ts";
import { CustomersBrowser } from "./CustomersBrowser.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";
import { ProfileById } from "./ProfilePanel.tsx";
import { InvitationsList, LeaveWorkspace } from "./WorkspaceMembership.tsx";
import { WorkspaceStaff } from "./WorkspaceStaff.tsx";

const roleLabel: Record<Workspace["role"], string> = { owner: "Owner", admin: "Admin", staff: "Staff" };

export function WorkspacesPage({ me, onClose }: { me: User; onClose: () => void }) {
  const workspaces = useProfiles((s) => s.workspaces);
  const [selected, setSelected] = useState<number | null>(null);
  const [customer, setCustomer] = useState<{ id: number; displayName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    profiles.workspaces(true).catch((e) => setError(e instanceof ApiError ? e.message : "Could not load your workspaces"));
    void profiles.invitations();
  }, []);
  // A workspace I left (workspace_left) disappears from the page too.
  const current = workspaces?.find((w) => w.id === selected) ?? null;
  useEffect(() => {
    if (selected !== null && workspaces && !current) {
      setSelected(null);
      setCustomer(null);
    }
  }, [workspaces, current, selected]);

  const title = customer ? customer.displayName : current ? current.name : "Workspaces";
  return (
    <Modal title={title} onClose={onClose} testid="workspaces-page" wide>
      {current && (
        <button
          class="link small ws-back"
          data-testid="ws-back"
          onClick={() => (customer ? setCustomer(null) : setSelected(null))}
        >
          <Icon name="back" size={14} /> {customer ? `Back to ${current.name}` : "All workspaces"}
        </button>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {current && customer ? (
        <ProfileById workspaceId={current.id} userId={customer.id} meId={me.id} workspaceName={current.name} onLeave={onClose} />
      ) : current ? (
        <>
          <WorkspaceStaff workspace={current} me={me} />
          <CustomersBrowser workspace={current} onOpen={(c) => setCustomer(c)} />
          <LeaveWorkspace workspace={current} />
        </>
      ) : (
        <>
          <CreateWorkspace onCreated={(id) => setSelected(id)} />
          <InvitationsList />
          <section class="people">
            <h3>My workspaces</h3>
            {!workspaces ? (
              !error && <p class="muted">Loading…</p>
            ) : workspaces.length === 0 ? (
              <p class="muted">You are not staff of any workspace yet.</p>
            ) : (
              <ul class="ws-list" data-testid="ws-list">
                {workspaces.map((w) => (
                  <li key={w.id}>
                    <button class="ws-item" data-testid={`ws-${w.id}`} data-name={w.name} onClick={() => setSelected(w.id)}>
                      <strong>{w.name}</strong>
                      <span class="chip" data-testid="ws-role">
                        {roleLabel[w.role]}
                      </span>
                      <Icon name="next" size={16} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Modal>
  );
}

function CreateWorkspace({ onCreated }: { onCreated: (id: number) => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function create(e: Event) {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    setBusy(true);
    setError(null);
    try {
      const { workspace } = await profiles.api.createWorkspace(n);
      await profiles.workspaces(true);
      setName("");
      onCreated(workspace.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the workspace");
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="ws-form" onSubmit={create}>
      <input placeholder="New workspace name" aria-label="New workspace name" maxLength={64} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="ws-name" />
      <button class="btn btn-primary" type="submit" disabled={busy || !name.trim()} data-testid="ws-create">
        Create
      </button>
      {error && (
        <p class="form-error" role="alert" style={{ flexBasis: "100%" }}>
          {error}
        </p>
      )}
    </form>
  );
}
