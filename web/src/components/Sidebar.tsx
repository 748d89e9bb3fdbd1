import type { ComponentChildren } from "preact";
import type { StreamStatus } from "../api.ts";
import { session } from "../state/session.ts";
import type { User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import type { Dialog } from "./MainScreen.tsx";

const statusLabel: Record<StreamStatus, string> = { online: "Online", connecting: "Connecting…", offline: "Offline, reconnecting…" };

export function Sidebar({ me, status, onDialog, children }: { me: User; status: StreamStatus; onDialog: (d: Dialog) => void; children: ComponentChildren }) {
  return (
    <aside class="sidebar">
      <header class="topbar">
        <div class="me">
          <Avatar id={me.id} name={me.displayName} size={36} />
          <div class="me-text">
            <strong data-testid="me-name">{me.displayName}</strong>
            <span class={`status status-${status}`} data-testid="connection-status">
              {statusLabel[status]}
            </span>
          </div>
        </div>
        <div class="topbar-actions">
          <button class="icon-btn" title="Bots" aria-label="Bots" data-testid="bots-button" onClick={() => onDialog("bots")}>
            <Icon name="bot" />
          </button>
          <button class="icon-btn" title="Developer" aria-label="Developer" data-testid="developer-button" onClick={() => onDialog("developer")}>
            <Icon name="code" />
          </button>
          <button class="icon-btn" title="Friends" aria-label="Friends" data-testid="friends-button" onClick={() => onDialog("friends")}>
            <Icon name="people" />
          </button>
          <button class="icon-btn" title="New group" aria-label="New group" data-testid="new-group-button" onClick={() => onDialog("group")}>
            <Icon name="group-add" />
          </button>
          <button class="icon-btn" title="Log out" aria-label="Log out" data-testid="logout-button" onClick={() => void session.signOut()}>
            <Icon name="logout" />
          </button>
        </div>
      </header>
      {children}
    </aside>
  );
}
