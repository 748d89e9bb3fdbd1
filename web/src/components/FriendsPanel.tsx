import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { session } from "../state/session.ts";
import type { User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Modal } from "./Modal.tsx";

interface Lists {
  friends: User[];
  incoming: User[];
  outgoing: User[];
}

export function FriendsPanel({ onClose }: { onClose: () => void }) {
  const [lists, setLists] = useState<Lists | null>(null);
  const [handle, setHandle] = useState("");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const [{ friends }, { incoming, outgoing }] = await Promise.all([session.api.friends(), session.api.friendRequests()]);
      setLists({ friends, incoming, outgoing });
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof ApiError ? e.message : "Could not load friends" });
    }
  }
  useEffect(() => void load(), []);

  async function add(e: Event) {
    e.preventDefault();
    const h = handle.trim().replace(/^@/, "");
    if (!h) return;
    setBusy(true);
    setMessage(null);
    try {
      const { request } = await session.api.addFriend(h);
      setMessage({ kind: "ok", text: request.status === "accepted" ? `You and @${h} are now friends.` : `Request sent to @${h}.` });
      setHandle("");
      await load();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? err.message : "Could not send the request" });
    } finally {
      setBusy(false);
    }
  }

  async function accept(u: User) {
    try {
      await session.api.acceptFriend(u.id);
      await load();
      void session.refreshChats();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? err.message : "Could not accept" });
    }
  }

  async function messageFriend(u: User) {
    try {
      await session.messageFriend(u.id);
      onClose();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? err.message : "Could not open the chat" });
    }
  }

  return (
    <Modal title="Friends" onClose={onClose} testid="friends-panel">
      <form class="inline-form" onSubmit={add}>
        <input
          placeholder="Add a friend by handle"
          aria-label="Friend's handle"
          autoCapitalize="none"
          spellcheck={false}
          value={handle}
          onInput={(e) => setHandle(e.currentTarget.value)}
          data-testid="add-friend-input"
        />
        <button class="btn btn-primary" type="submit" disabled={busy || !handle.trim()} data-testid="add-friend-button">
          Add
        </button>
      </form>
      {message && (
        <p class={message.kind === "ok" ? "form-ok" : "form-error"} role="status">
          {message.text}
        </p>
      )}
      {!lists ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          {lists.incoming.length > 0 && (
            <section class="people">
              <h3>Requests</h3>
              {lists.incoming.map((u) => (
                <Person key={u.id} user={u}>
                  <button class="btn btn-primary btn-small" onClick={() => accept(u)} data-testid={`accept-${u.id}`}>
                    Accept
                  </button>
                </Person>
              ))}
            </section>
          )}
          <section class="people">
            <h3>Friends</h3>
            {lists.friends.length === 0 && <p class="muted">No friends yet.</p>}
            {lists.friends.map((u) => (
              <Person key={u.id} user={u}>
                <button class="btn btn-small" onClick={() => messageFriend(u)} data-testid={`message-friend-${u.id}`}>
                  Message
                </button>
              </Person>
            ))}
          </section>
          {lists.outgoing.length > 0 && (
            <section class="people">
              <h3>Waiting for an answer</h3>
              {lists.outgoing.map((u) => (
                <Person key={u.id} user={u}>
                  <span class="muted small">Pending</span>
                </Person>
              ))}
            </section>
          )}
        </>
      )}
    </Modal>
  );
}

function Person({ user, children }: { user: User; children: ComponentChildren }) {
  return (
    <div class="person">
      <Avatar id={user.id} name={user.displayName} size={36} />
      <span class="person-text">
        <strong>{user.displayName}</strong>
        <small>@{user.handle}</small>
      </span>
      {children}
    </div>
  );
}
