// A workspace's customers: search (q), filter by one tag (chips from the tag library, with
// counts), page on with "Show more" (after = the last handle); a row opens the profile.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { appendPage, CUSTOMERS_PAGE, nextAfter, type Customer, type Workspace } from "../profiles-state.ts";
import { profiles } from "../state/profiles-live.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";

/** How long typing pauses before the search goes out. */
const DEBOUNCE_MS = 250;

export function CustomersBrowser({ workspace, onOpen }: { workspace: Workspace; onOpen: (c: Customer) => void }) {
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  const [list, setList] = useState<Customer[] | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0); // the latest request: an older answer arriving late is dropped

  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q]);

  useEffect(() => {
    profiles.api.tags(workspace.id).then(
      ({ tags }) => setTags(tags),
      () => setTags([]),
    );
  }, [workspace.id]);

  async function load(from: string | null) {
    const n = ++asked.current;
    setBusy(true);
    setError(null);
    try {
      const { customers } = await profiles.api.customers(workspace.id, { q: query, tag, after: from, limit: CUSTOMERS_PAGE });
      if (n !== asked.current) return;
      setList((held) => (from && held ? appendPage(held, customers) : customers));
      setAfter(nextAfter(customers));
    } catch (e) {
      if (n === asked.current) setError(e instanceof ApiError ? e.message : "Could not load the customers");
    } finally {
      if (n === asked.current) setBusy(false);
    }
  }
  useEffect(() => void load(null), [workspace.id, query, tag]);

  return (
    <section class="people" aria-label="Customers" data-testid="ws-customers">
      <h3>Customers</h3>
      <label class="search-field">
        <Icon name="search" size={16} />
        <input
          type="search"
          placeholder="Search by name or handle"
          aria-label="Search customers"
          maxLength={64}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          data-testid="customer-search"
        />
      </label>
      {tags.length > 0 && (
        <div class="ws-filters" role="group" aria-label="Filter by tag" data-testid="tag-filters">
          {tags.map((t) => (
            <button
              key={t.tag}
              class="ws-filter"
              aria-pressed={tag === t.tag}
              data-testid="tag-filter"
              data-tag={t.tag}
              onClick={() => setTag(tag === t.tag ? null : t.tag)}
            >
              {t.tag} <span class="muted">{t.count}</span>
            </button>
          ))}
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {list === null ? (
        !error && <p class="muted">Loading…</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="customers-empty">
          {query || tag ? "No customer matches." : "No customers yet: they are the friends and fellow group members of the staff."}
        </p>
      ) : (
        <ul class="ws-list" data-testid="customer-list" aria-busy={busy}>
          {list.map((c) => (
            <li key={c.id}>
              <button class="customer-row person" data-testid={`customer-${c.id}`} data-handle={c.handle} onClick={() => onOpen(c)}>
                <Avatar id={c.id} name={c.displayName} size={32} />
                <span class="person-text">
                  <strong>{c.displayName}</strong>
                  <small>@{c.handle}</small>
                </span>
                <span class="customer-tags">
                  {(c.tags ?? []).map((t) => (
                    <span key={t} class="chip">
                      {t}
                    </span>
                  ))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {after && (
        <button class="btn btn-small" disabled={busy} onClick={() => void load(after)} data-testid="customers-more">
          {busy ? "Loading…" : "Show more"}
        </button>
      )}
    </section>
  );
}
