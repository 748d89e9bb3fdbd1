import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { session } from "../state/session.ts";
import type { User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Modal } from "./Modal.tsx";

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const [friends, setFriends] = useState<User[] | null>(null);
  const [title, setTitle] = useState("");
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    session.api.friends().then(
      (r) => setFriends(r.friends),
      (e) => setError(e instanceof ApiError ? e.message : "Could not load friends"),
    );
  }, []);

  function toggle(id: number) {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  }

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.createGroup(title.trim(), [...picked]);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the group");
      setBusy(false);
    }
  }

  return (
    <Modal title="New group" onClose={onClose} testid="new-group-dialog">
      <form onSubmit={create} class="stack">
        <input placeholder="Group name" aria-label="Group name" value={title} onInput={(e) => setTitle(e.currentTarget.value)} data-testid="group-title" required />
        <h3 class="section-label">Members</h3>
        {!friends ? (
          <p class="muted">Loading…</p>
        ) : friends.length === 0 ? (
          <p class="muted">Add friends first; groups are made of friends.</p>
        ) : (
          <div class="pick-list">
            {friends.map((u) => (
              <label class="person pickable" key={u.id}>
                <input type="checkbox" checked={picked.has(u.id)} onChange={() => toggle(u.id)} data-testid={`pick-${u.id}`} />
                <Avatar id={u.id} name={u.displayName} size={32} />
                <span class="person-text">
                  <strong>{u.displayName}</strong>
                  <small>@{u.handle}</small>
                </span>
              </label>
            ))}
          </div>
        )}
        {error && <p class="form-error">{error}</p>}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy || !title.trim() || picked.size === 0} data-testid="create-group">
          {busy ? "Creating…" : `Create group${picked.size ? ` with ${picked.size}` : ""}`}
        </button>
      </form>
    </Modal>
  );
}
