// The profiles' side effects: asking which chat peers are customers of my workspaces, loading
// and editing profiles, following the stream's profile_updated, workspace_left and
// workspace_invited, joining and leaving workspaces, jumping to the message a value came
// from. What changes the data is profiles-state.ts's reducer.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { scrollToMessage } from "../components/Interactions.tsx";
import { ProfilesApi } from "../profiles-api.ts";
import { initialProfiles, profileKey, reduceProfiles, type ProfilesAction, type ProfilesState, type Workspace } from "../profiles-state.ts";
import type { Profile, ServerEvent } from "../types.ts";
import { session } from "./session.ts";
import { Store } from "./store.ts";

const PANEL_KEY = "switchboard.profilePanel";
/** How many older pages a jump loads looking for the message, at most. */
const JUMP_PAGES = 10;
const PHONE = "(max-width: 640px)";

export class ProfilesLive {
  readonly store = new Store<ProfilesState>({ ...initialProfiles, panelOpen: localStorage.getItem(PANEL_KEY) === "1" });
  readonly api = new ProfilesApi(session.api);
  private workspacesAsked: Promise<Workspace[]> | null = null;
  /** Profiles on screen (by key, counted): reloaded when the stream comes back after a gap. */
  private shown = new Map<string, number>();
  private meId: number | null = session.state.me?.id ?? null;
  /** Which ask of the invitations is the latest: an older answer arriving after it is dropped. */
  private invitationsAsk = 0;

  constructor() {
    session.listeners.add((e) => this.onEvent(e));
    // Another user on this browser must not see what the last one held.
    session.store.subscribe(() => {
      const me = session.state.me?.id ?? null;
      if (me === this.meId) return;
      this.meId = me;
      this.workspacesAsked = null;
      this.apply({ type: "reset", panelOpen: this.store.state.panelOpen });
    });
  }

  apply(a: ProfilesAction) {
    this.store.replace(reduceProfiles(this.store.state, a));
  }

  private onEvent(e: ServerEvent) {
    if (e.type === "profile_updated") this.apply({ type: "profile_updated", workspaceId: e.workspaceId, userId: e.userId, profile: e.profile });
    else if (e.type === "workspace_left") {
      this.apply({ type: "workspace_left", workspaceId: e.workspaceId });
      this.workspacesAsked = null;
    } else if (e.type === "workspace_invited") {
      this.apply({ type: "workspace_invited", workspaceId: e.workspaceId, name: e.name, role: e.role, at: Date.now() });
      void this.invitations(); // who invited
    } else if (e.type === "synced") {
      for (const key of this.shown.keys()) void this.reload(key);
      if (this.store.state.invitations !== null) void this.invitations(); // some may have come in the gap
    }
  }

  /** Asks which workspaces invite me (the sidebar's badge, the workspace page's list). */
  async invitations() {
    const me = this.meId;
    const ask = ++this.invitationsAsk;
    try {
      const { invitations } = await this.api.invitations();
      if (me === this.meId && ask === this.invitationsAsk) this.apply({ type: "invitations_loaded", invitations });
    } catch {
      /* offline: asked again when the stream is back */
    }
  }

  /** Accepts an invitation: the workspace joins my list and its profiles show beside chats. */
  async accept(workspaceId: number) {
    try {
      await this.api.acceptInvitation(workspaceId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.apply({ type: "invitation_gone", workspaceId }); // withdrawn meanwhile
      throw e;
    }
    this.apply({ type: "invitation_gone", workspaceId });
    await this.workspaces(true);
  }

  async decline(workspaceId: number) {
    try {
      await this.api.declineInvitation(workspaceId);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e; // already gone: the same outcome
    }
    this.apply({ type: "invitation_gone", workspaceId });
  }

  /** I leave a workspace (not one I own): it goes from my list, its profiles from my panels. */
  async leave(workspaceId: number) {
    await this.api.leave(workspaceId);
    this.apply({ type: "workspace_left", workspaceId });
    this.workspacesAsked = null;
  }

  /** My workspaces (asked once; `fresh` asks again, after I created or left one). */
  async workspaces(fresh = false): Promise<Workspace[]> {
    if (!this.workspacesAsked || fresh) {
      const asked = this.api.workspaces().then(({ workspaces }) => {
        this.apply({ type: "workspaces_loaded", workspaces });
        return workspaces;
      });
      this.workspacesAsked = asked;
      asked.catch(() => {
        if (this.workspacesAsked === asked) this.workspacesAsked = null;
      });
    }
    return this.workspacesAsked;
  }

  /** Whether `userId` is a customer of my workspaces: each one's profile of them, asked once. */
  async lookup(userId: number) {
    if (this.store.state.lookups[userId]) return;
    this.apply({ type: "lookup_started", userId });
    let found: Profile[] = [];
    try {
      // Only where they are a customer: asking the others would answer 404 (and log it in the console).
      if ((await this.workspaces()).length === 0) throw new Error("not staff");
      const { workspaces: mine } = await this.api.workspacesServing(userId);
      const answers = await Promise.all(mine.map((w) => this.api.profile(w.id, userId).then(({ profile }) => normalize(profile, w.id, userId), () => null)));
      found = answers.filter((p): p is Profile => p !== null);
    } catch {
      /* not staff anywhere, or offline: no panel */
    }
    this.apply({ type: "lookup_done", userId, profiles: found });
  }

  async reload(key: string) {
    const [ws, user] = key.split(":").map(Number) as [number, number];
    try {
      const { profile } = await this.api.profile(ws, user);
      this.apply({ type: "profile_loaded", profile: normalize(profile, ws, user) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.apply({ type: "profile_gone", workspaceId: ws, userId: user });
    }
  }

  /** A panel shows this profile: keep it fresh across reconnects while it does. */
  watch(workspaceId: number, userId: number): () => void {
    const key = profileKey(workspaceId, userId);
    this.shown.set(key, (this.shown.get(key) ?? 0) + 1);
    return () => {
      const n = (this.shown.get(key) ?? 1) - 1;
      if (n > 0) this.shown.set(key, n);
      else this.shown.delete(key);
    };
  }

  /** A staff edit of fields (null clears one); throws the server's refusal for the caller to show. */
  async edit(workspaceId: number, userId: number, fields: Record<string, string | string[] | null>) {
    const { profile } = await this.api.editFields(workspaceId, userId, fields);
    this.apply({ type: "profile_loaded", profile: normalize(profile, workspaceId, userId) });
  }

  async setTags(workspaceId: number, userId: number, change: { add?: string[]; remove?: string[] }) {
    const { tags } = await this.api.setTags(workspaceId, userId, change);
    this.apply({ type: "tags_set", workspaceId, userId, tags });
  }

  setPanel(open: boolean) {
    localStorage.setItem(PANEL_KEY, open ? "1" : "0");
    this.apply({ type: "panel", open });
  }

  /**
   * Opens `chatId` and brings message `messageId` into view, loading older pages until it is
   * held. It must be the customer's message (a chat id from elsewhere would name another one).
   */
  async jump(chatId: number, messageId: number, customerId: number) {
    if (window.matchMedia?.(PHONE).matches) this.setPanel(false); // the sheet covers the chat
    if (session.state.openChatId !== chatId) session.openChat(chatId);
    const held = await until(() => {
      const h = session.state.history[chatId];
      return h?.loaded || h?.unavailable ? h : null;
    });
    if (!held || held.unavailable) return session.notify("That message is in a chat you cannot open.");
    for (let i = 0; i < JUMP_PAGES; i++) {
      const h = session.state.history[chatId]!;
      if (h.messages.some((m) => m.id === messageId) || !h.hasOlder || (h.messages[0]?.id ?? 0) < messageId) break;
      await session.loadOlder(chatId);
    }
    const m = session.state.history[chatId]?.messages.find((x) => x.id === messageId);
    if (!m || m.from.id !== customerId) return session.notify("That message is no longer there.");
    await until(() => document.querySelector(`[data-testid="message"][data-message-id="${messageId}"]`));
    scrollToMessage(messageId);
  }
}

/** A profile as the client API sent it, with the workspace and user it was asked for. */
function normalize(p: Profile, workspaceId: number, userId: number): Profile {
  return { ...p, workspaceId, userId, fields: p.fields ?? {}, tags: p.tags ?? [], staff: p.staff ?? [], events: p.events ?? [] };
}

/** Polls `get` each animation frame (up to ~5 s) until it gives something. */
async function until<T>(get: () => T | null | undefined, ms = 5000): Promise<T | null> {
  const end = performance.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const profiles = new ProfilesLive();

/** A slice of the profiles' state; re-renders when `pick` gives something new (Object.is). */
export function useProfiles<T>(pick: (s: ProfilesState) => T): T {
  const value = pick(profiles.store.state);
  const [, rerender] = useState(0);
  const latest = useRef({ pick, value });
  latest.current = { pick, value };
  useEffect(() => {
    const check = () => {
      if (!Object.is(latest.current.value, latest.current.pick(profiles.store.state))) rerender((n) => n + 1);
    };
    check();
    return profiles.store.subscribe(check);
  }, []);
  return value;
}
