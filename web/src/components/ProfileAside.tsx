// The profile beside a private chat whose peer is a customer of one of my workspaces: the
// header's "Profile" toggle, and the panel (a column on wide windows, a full-screen sheet on
// a phone). Gone when the peer is nobody's customer or I leave the workspace.
import { useEffect, useRef } from "preact/hooks";
import { shownProfile, workspacesFor } from "../profiles-state.ts";
import { profiles, useProfiles } from "../state/profiles-live.ts";
import type { User } from "../types.ts";
import { Icon } from "./Icon.tsx";
import { ProfileView } from "./ProfilePanel.tsx";

/** The chat header's toggle; asks (once) whether `peerId` is a customer, and shows only if so. */
export function ProfileToggle({ peerId }: { peerId: number }) {
  const asked = useProfiles((s) => s.lookups[peerId] !== undefined);
  useEffect(() => {
    if (!asked) void profiles.lookup(peerId);
  }, [peerId, asked]);
  const customer = useProfiles((s) => shownProfile(s, peerId) !== null);
  const open = useProfiles((s) => s.panelOpen);
  if (!customer) return null;
  return (
    <button
      class={`btn btn-small${open ? " btn-primary" : ""}`}
      aria-pressed={open}
      aria-controls="profile-aside"
      title={open ? "Hide the customer's profile" : "Show the customer's profile"}
      data-testid="profile-toggle"
      onClick={() => profiles.setPanel(!open)}
    >
      Profile
    </button>
  );
}

/** The panel for the open chat (its id is the peer's user id), when open and the peer is a customer. */
export function ProfileAside({ chatId, me }: { chatId: number; me: User }) {
  const open = useProfiles((s) => s.panelOpen);
  const profile = useProfiles((s) => (chatId > 0 ? shownProfile(s, chatId) : null));
  const choices = useProfiles((s) => s.lookups[chatId]);
  const workspaces = useProfiles((s) => s.workspaces);
  const closeButton = useRef<HTMLButtonElement>(null);
  const shown = open && profile !== null;

  // Focus moves into the panel when it opens, and back to the toggle when it closes.
  useEffect(() => {
    if (!shown) return;
    closeButton.current?.focus();
    return () => {
      if (!profiles.store.state.panelOpen) (document.querySelector('[data-testid="profile-toggle"]') as HTMLElement | null)?.focus();
    };
  }, [shown]);
  // As a sheet (a phone), Escape closes it as it does a dialog.
  useEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && window.matchMedia?.("(max-width: 640px)").matches) profiles.setPanel(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shown]);

  if (!shown) return null;
  const ids = choices ? workspacesFor(profiles.store.state, chatId) : [];
  const nameOf = (id: number) => workspaces?.find((w) => w.id === id)?.name ?? `Workspace ${id}`;
  return (
    <aside id="profile-aside" class="profile-aside" aria-label="Customer profile" data-testid="profile-panel">
      <header class="profile-aside-head">
        <h2>Profile</h2>
        {ids.length > 1 && (
          <select
            aria-label="Workspace"
            data-testid="profile-workspace"
            value={String(profile.workspaceId)}
            onChange={(e) => profiles.apply({ type: "chosen", userId: chatId, workspaceId: Number(e.currentTarget.value) })}
          >
            {ids.map((id) => (
              <option key={id} value={String(id)}>
                {nameOf(id)}
              </option>
            ))}
          </select>
        )}
        <button ref={closeButton} class="icon-btn" aria-label="Close the profile" data-testid="profile-close" onClick={() => profiles.setPanel(false)}>
          <Icon name="close" />
        </button>
      </header>
      <div class="profile-aside-body">
        <ProfileView key={profile.workspaceId} profile={profile} meId={me.id} workspaceName={ids.length > 1 ? undefined : nameOf(profile.workspaceId)} />
      </div>
    </aside>
  );
}
