// My account: who I am, and "Profiles about me": which workspaces keep a profile on me, what
// it holds, and asking one to erase it.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { displayValue, fieldLabel, orderedFields } from "../profiles.ts";
import { profiles } from "../state/profiles-live.ts";
import type { HeldProfile, User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";
import { NotificationsSettings } from "./NotificationsSettings.tsx";
import { WhereYouRead } from "./WhereYouRead.tsx";

export function AccountDialog({ me, onClose }: { me: User; onClose: () => void }) {
  const [page, setPage] = useState<"account" | "notifications">("account");
  if (page === "notifications") {
    return (
      <Modal title="Notifications" onClose={onClose} testid="notifications-page">
        <button class="link small ws-back" data-testid="account-back" onClick={() => setPage("account")}>
          <Icon name="back" size={14} /> Your account
        </button>
        <NotificationsSettings />
        <WhereYouRead />
      </Modal>
    );
  }
  return (
    <Modal title="Your account" onClose={onClose} testid="account-dialog">
      <div class="person">
        <Avatar id={me.id} name={me.displayName} size={44} />
        <span class="person-text">
          <strong>{me.displayName}</strong>
          <small>@{me.handle}</small>
        </span>
        <button class="btn btn-small" onClick={() => setPage("notifications")} data-testid="open-notifications">
          Notifications
        </button>
      </div>
      <ProfilesAboutMe />
    </Modal>
  );
}

export function ProfilesAboutMe() {
  const [held, setHeld] = useState<HeldProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState<string | null>(null);

  async function load() {
    try {
      setHeld((await profiles.api.aboutMe()).profiles);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not load the profiles about you");
    }
  }
  useEffect(() => void load(), []);

  async function erase(p: HeldProfile) {
    if (!confirm(`Ask ${p.workspace.name} to erase its profile of you? Its staff will no longer see what it holds, and it is not rebuilt from old messages.`)) return;
    setError(null);
    try {
      await profiles.api.askErase(p.workspace.id);
      setAsked(`${p.workspace.name} erased its profile of you.`);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not ask for the erasure");
    }
  }

  return (
    <section class="people" aria-label="Profiles about me" data-testid="profiles-about-me">
      <h3>Profiles about me</h3>
      <p class="muted small">Workspaces whose staff you talk to may keep a profile of what you told them. You can see it and ask for it to be erased.</p>
      {asked && (
        <p class="form-ok" role="status">
          {asked}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!held ? (
        !error && <p class="muted">Loading…</p>
      ) : held.length === 0 ? (
        <p class="muted" data-testid="no-profiles">
          No workspace keeps a profile of you.
        </p>
      ) : (
        held.map((p) => {
          const rows = orderedFields(p.fields ?? {});
          return (
            <div class="held-profile" key={p.workspace.id} data-testid={`held-${p.workspace.id}`}>
              <div class="section-head">
                <strong>{p.workspace.name}</strong>
                <button class="btn btn-small btn-danger-outline" onClick={() => void erase(p)} data-testid="ask-erase" aria-label={`Ask ${p.workspace.name} to erase its profile of you`}>
                  Ask to erase
                </button>
              </div>
              {rows.length === 0 ? (
                <p class="muted small">No details, only that you are a customer.</p>
              ) : (
                <dl class="held-fields">
                  {rows.map(([name, f]) => (
                    <Fragment key={name}>
                      <dt>{fieldLabel(name)}</dt>
                      <dd>{displayValue(f.value)}</dd>
                    </Fragment>
                  ))}
                </dl>
              )}
              {(p.tags.length > 0 || p.events > 0) && (
                <p class="muted small">
                  {p.tags.length > 0 ? `Tags: ${p.tags.join(", ")}` : ""}
                  {p.tags.length > 0 && p.events > 0 ? " · " : ""}
                  {p.events > 0 ? `${p.events} recorded event${p.events === 1 ? "" : "s"}` : ""}
                </p>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}
