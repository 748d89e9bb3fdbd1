import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { badgeText, entryLabel } from "../invitations.ts";
import { profiles, useProfiles } from "../state/profiles-live.ts";
import type { StreamStatus } from "../state/model.ts";
import { session } from "../state/session.ts";
import type { User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import type { Dialog } from "./MainScreen.tsx";

/** The header's buttons that open a dialog: which, its label, its icon, its test id. */
const dialogs: [Dialog, string, Parameters<typeof Icon>[0]["name"], string][] = [
  ["bots", "Bots", "bot", "bots-button"],
  ["developer", "Developer", "code", "developer-button"],
  ["friends", "Friends", "people", "friends-button"],
  ["group", "New group", "group-add", "new-group-button"],
];

const statusLabel: Record<StreamStatus, string> = { online: "Online", connecting: "Connecting…", offline: "Offline, reconnecting…" };

export function Sidebar({ me, status, onDialog, children }: { me: User; status: StreamStatus; onDialog: (d: Dialog) => void; children: ComponentChildren }) {
  // The workspaces inviting me: a badge on the Workspaces entry, live on workspace_invited.
  const invited = useProfiles((s) => s.invitations?.length ?? 0);
  useEffect(() => void profiles.invitations(), [me.id]);
  const badge = badgeText(invited);
  return (
    <aside class="sidebar">
      <header class="topbar">
        <button class="me me-button" title="Your account" aria-label={`Your account: ${me.displayName}, ${statusLabel[status]}`} data-testid="account-button" onClick={() => onDialog("account")}>
          <Avatar id={me.id} name={me.displayName} size={36} />
          <div class="me-text">
            <strong data-testid="me-name">{me.displayName}</strong>
            <span class={`status status-${status}`} data-testid="connection-status">
              {statusLabel[status]}
            </span>
          </div>
        </button>
        <div class="topbar-actions">
          {dialogs.map(([dialog, label, icon, testid]) => (
            <button key={testid} class="icon-btn" title={label} aria-label={label} data-testid={testid} onClick={() => onDialog(dialog)}>
              <Icon name={icon} />
            </button>
          ))}
          <button class="icon-btn" title="Log out" aria-label="Log out" data-testid="logout-button" onClick={() => void session.signOut()}>
            <Icon name="logout" />
          </button>
        </div>
      </header>
      {children}
      <footer class="sidebar-foot">
        <button class="sidebar-entry" aria-label={entryLabel(invited)} data-testid="workspaces-button" onClick={() => onDialog("workspaces")}>
          <Icon name="briefcase" size={18} />
          Workspaces
          {badge && (
            <span class="badge sidebar-badge" aria-hidden="true" data-testid="invitations-badge">
              {badge}
            </span>
          )}
        </button>
      </footer>
    </aside>
  );
}
