import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { useSelect } from "../state/hooks.ts";
import { session } from "../state/session.ts";
import type { BotListing } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";

/** The bot directory: every bot, searchable by username, name, description or category. */
export function BotDirectory({ onClose }: { onClose: () => void }) {
  const [q, setQ] = useState("");
  const [bots, setBots] = useState<BotListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  // Bots I have started have a chat in my list (a private chat's id is the other side's).
  const chatIds = useSelect((s) => s.chats.map((c) => c.id).join());
  const started = new Set(chatIds.split(",").map(Number));

  // Search as the user types, once they pause; a stale answer never overwrites a newer one.
  useEffect(() => {
    let live = true;
    const t = setTimeout(
      () => {
        session.api.botDirectory(q.trim()).then(
          (r) => {
            if (!live) return;
            setBots(r.bots);
            setError(null);
          },
          (e) => live && setError(e instanceof ApiError ? e.message : "Could not search the directory"),
        );
      },
      bots === null ? 0 : 250,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);

  /** Opens the bot's chat: its description and Start when not started yet, else the chat itself. */
  async function open(b: BotListing) {
    await session.previewBot(b.username);
    onClose();
  }

  async function start(b: BotListing) {
    setStarting(b.username);
    setError(null);
    try {
      await session.startBot(b.username);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not start the bot");
      setStarting(null);
    }
  }

  return (
    <Modal title="Bots" onClose={onClose} testid="bot-directory">
      <label class="search-field">
        <Icon name="search" size={16} />
        <input
          type="search"
          placeholder="Search bots by name, username or category"
          aria-label="Search bots"
          autoCapitalize="none"
          spellcheck={false}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          data-testid="bot-search"
          autoFocus
        />
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!bots ? (
        <p class="muted">Loading…</p>
      ) : bots.length === 0 ? (
        <p class="muted" data-testid="bot-search-empty">
          {q.trim() ? `No bots match “${q.trim()}”.` : "No bots yet. Make one on the Developer page."}
        </p>
      ) : (
        <div class="bot-results" data-testid="bot-results">
          {bots.map((b) => (
            <article class="bot-card" key={b.id} data-testid="bot-result" data-username={b.username}>
              {/* The bot's profile: its empty chat, with what it can do and Start (BotIntro). */}
              <button type="button" class="bot-card-open" title={`Open @${b.username}`} onClick={() => void open(b)} data-testid="bot-open">
                <Avatar id={b.id} name={b.name} size={40} />
              </button>
              <div class="bot-card-text">
                <div class="bot-card-title">
                  <button type="button" class="link bot-card-name" onClick={() => void open(b)}>
                    <strong>{b.name}</strong>
                  </button>
                  {b.category && <span class="chip">{b.category}</span>}
                </div>
                <small class="muted">@{b.username}</small>
                {b.about && (
                  <p class="bot-card-about" data-testid="bot-about">
                    {b.about}
                  </p>
                )}
                {b.description && <p class="bot-card-desc">{b.description}</p>}
              </div>
              {started.has(b.id) ? (
                <button class="btn btn-small" onClick={() => void open(b)} data-testid="open-bot">
                  Open
                </button>
              ) : (
                <button class="btn btn-primary btn-small" disabled={starting !== null} onClick={() => start(b)} data-testid="start-bot">
                  {starting === b.username ? "Starting…" : "Start"}
                </button>
              )}
            </article>
          ))}
        </div>
      )}
    </Modal>
  );
}
