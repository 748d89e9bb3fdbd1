// One customer's profile as staff see it: fields (ProfileFields), tags, the staff ranking and
// the timeline. The same view sits beside a customer's chat (ProfileAside) and opens from the
// workspace page's customer list.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { clock, listTime } from "../format.ts";
import { cleanTag, closenessText, eventText, signalsText, toMs } from "../profiles.ts";
import { profileKey } from "../profiles-state.ts";
import { profiles, useProfiles } from "../state/profiles-live.ts";
import { session } from "../state/session.ts";
import type { Profile } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { ProfileFields } from "./ProfileFields.tsx";
import "../profiles.css";

/** How many timeline steps show before "Show all". */
const TIMELINE_SHORT = 20;

export function ProfileView({ profile, meId, workspaceName, onLeave }: { profile: Profile; meId: number; workspaceName?: string | undefined; onLeave?: () => void }) {
  useEffect(() => profiles.watch(profile.workspaceId, profile.userId), [profile.workspaceId, profile.userId]);
  return (
    <div class="pf" data-testid="profile-view" data-workspace-id={profile.workspaceId} data-user-id={profile.userId}>
      <div class="pf-head">
        <Avatar id={profile.userId} name={profile.displayName || profile.handle || "?"} size={44} />
        <div class="pf-head-text">
          <strong data-testid="profile-name">{profile.displayName}</strong>
          <span class="muted small">
            @{profile.handle}
            {workspaceName ? ` · ${workspaceName}` : ""}
          </span>
        </div>
      </div>
      <ProfileFields profile={profile} meId={meId} {...(onLeave ? { onLeave } : {})} />
      <ProfileTags profile={profile} />
      <StaffRanking profile={profile} meId={meId} {...(onLeave ? { onLeave } : {})} />
      <Timeline profile={profile} meId={meId} />
    </div>
  );
}

/** The standalone view (the workspace page's customer list): loads the profile and follows it live. */
export function ProfileById({ workspaceId, userId, meId, workspaceName, onLeave }: { workspaceId: number; userId: number; meId: number; workspaceName?: string; onLeave?: () => void }) {
  const profile = useProfiles((s) => s.held[profileKey(workspaceId, userId)]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    profiles.api.profile(workspaceId, userId).then(
      ({ profile: p }) => profiles.apply({ type: "profile_loaded", profile: { ...p, workspaceId, userId } }),
      (e) => setError(e instanceof ApiError ? e.message : "Could not load the profile"),
    );
  }, [workspaceId, userId]);
  if (error && !profile) return <p class="form-error" role="alert">{error}</p>;
  if (!profile) return <p class="muted">Loading…</p>;
  return <ProfileView profile={profile} meId={meId} workspaceName={workspaceName} {...(onLeave ? { onLeave } : {})} />;
}

function ProfileTags({ profile }: { profile: Profile }) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function change(c: { add?: string[]; remove?: string[] }) {
    setBusy(true);
    setError(null);
    try {
      await profiles.setTags(profile.workspaceId, profile.userId, c);
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not change the tags");
      return false;
    } finally {
      setBusy(false);
    }
  }
  async function add(e: Event) {
    e.preventDefault();
    const tag = cleanTag(draft);
    if (!tag) return setError(draft.trim() ? "A tag is 1 to 32 characters" : null);
    if (await change({ add: [tag] })) setDraft("");
  }
  return (
    <section class="pf-section" aria-label="Tags">
      <h3 class="section-label">Tags</h3>
      <ul class="pf-tags" data-testid="profile-tags">
        {profile.tags.map((t) => (
          <li key={t} class="pf-tag" data-testid="tag-chip" data-tag={t}>
            <span>{t}</span>
            <button class="pf-tag-x" aria-label={`Remove tag ${t}`} disabled={busy} onClick={() => void change({ remove: [t] })} data-testid="tag-remove">
              ×
            </button>
          </li>
        ))}
        {profile.tags.length === 0 && <li class="muted small">No tags.</li>}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <input placeholder="Add a tag" aria-label="New tag" maxLength={40} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} data-testid="tag-input" />
        <button class="btn btn-small" type="submit" disabled={busy || !draft.trim()} data-testid="tag-add">
          Add
        </button>
      </form>
      {error && (
        <p class="form-error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function StaffRanking({ profile, meId, onLeave }: { profile: Profile; meId: number; onLeave?: () => void }) {
  const ranked = [...profile.staff].sort((a, b) => a.rank - b.rank);
  async function message(id: number) {
    try {
      onLeave?.();
      if (window.matchMedia?.("(max-width: 640px)").matches) profiles.setPanel(false);
      await session.messageFriend(id);
    } catch (e) {
      session.notify(e instanceof ApiError ? e.message : "Could not open the chat");
    }
  }
  return (
    <section class="pf-section" aria-label="Closest colleagues">
      <h3 class="section-label">Who knows them best</h3>
      {ranked.length === 0 && <p class="muted small">No colleague is linked.</p>}
      <ol class="pf-staff" data-testid="profile-staff">
        {ranked.map((s) => {
          const why = signalsText(s.signals);
          return (
            <li key={s.id} class="pf-staff-row" data-testid="staff-rank" data-user-id={s.id} title={why}>
              <Avatar id={s.id} name={s.displayName} size={30} />
              <span class="person-text">
                <strong>
                  {s.displayName}
                  {s.id === meId ? " (you)" : ""}
                </strong>
                <small>
                  closeness {closenessText(s.closeness)} · {why}
                </small>
              </span>
              {s.id !== meId && (
                <button class="btn btn-small" aria-label={`Message ${s.displayName}`} onClick={() => void message(s.id)} data-testid="staff-message">
                  Message
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Timeline({ profile, meId }: { profile: Profile; meId: number }) {
  const [all, setAll] = useState(false);
  const events = [...profile.events].sort((a, b) => toMs(b.at) - toMs(a.at));
  const shown = all ? events : events.slice(0, TIMELINE_SHORT);
  return (
    <section class="pf-section" aria-label="Timeline">
      <h3 class="section-label">Timeline</h3>
      {events.length === 0 && <p class="muted small">Nothing yet.</p>}
      <ul class="pf-timeline" data-testid="profile-timeline">
        {shown.map((e, i) => {
          const secs = toMs(e.at) / 1000;
          return (
            <li key={`${e.at}-${e.type}-${i}`} data-testid="timeline-event" data-type={e.type}>
              <span>{eventText(e, profile.staff, meId)}</span>
              <time class="muted small" dateTime={new Date(secs * 1000).toISOString()} title={new Date(secs * 1000).toLocaleString()}>
                {listTime(secs)} {listTime(secs) === clock(secs) ? "" : clock(secs)}
              </time>
            </li>
          );
        })}
      </ul>
      {events.length > shown.length && (
        <button class="link small" onClick={() => setAll(true)}>
          Show all {events.length}
        </button>
      )}
    </section>
  );
}
