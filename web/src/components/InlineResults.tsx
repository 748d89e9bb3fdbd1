// Inline mode on screen: the bot's results above the composer while "@bot query" is typed,
// the chat picker a switch_inline_query button opens, and the question a login_url button
// asks before a site learns who the user is.
import { useEffect, useState } from "preact/hooks";
import { inlineMode, useInline } from "../state/inline-mode.ts";
import { useSelect } from "../state/hooks.ts";
import { session } from "../state/session.ts";
import type { InlineResultView } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Modal } from "./Modal.tsx";

/** The results for this chat's composer, or nothing when it holds no inline query. */
export function InlineResults({ chatId }: { chatId: number }) {
  const panel = useInline((s) => s.panel);
  if (!panel || panel.chatId !== chatId) return null;
  const results = panel.answer?.results ?? [];
  const button = panel.answer?.button;
  return (
    <div class="inline-results" role="listbox" aria-label={`Results from @${panel.username}`} data-testid="inline-results" data-status={panel.status}>
      {panel.status === "loading" && !results.length && (
        <p class="inline-status" data-testid="inline-loading">
          <span class="spinner" aria-hidden="true" /> Asking @{panel.username}…
        </p>
      )}
      {panel.status === "none" && (
        <p class="inline-status" data-testid="inline-no-answer">
          @{panel.username} did not answer.
        </p>
      )}
      {(panel.status === "off" || panel.status === "error") && (
        <p class="inline-status" data-testid="inline-unavailable">
          {panel.message}
        </p>
      )}
      {panel.status === "done" && !results.length && (
        <p class="inline-status" data-testid="inline-empty">
          No results{panel.query ? ` for “${panel.query}”` : ""}.
        </p>
      )}
      {!panel.query && panel.placeholder && panel.status !== "off" && <p class="inline-hint muted small">{panel.placeholder}</p>}
      {button && (
        <button type="button" class="inline-switch" data-testid="inline-results-button" onClick={() => void inlineMode.resultsButton()}>
          {button.text}
        </button>
      )}
      {results.map((r) => (
        <ResultRow key={`${panel.answer!.queryId}:${r.id}`} result={r} />
      ))}
      {panel.answer?.nextOffset && panel.status === "done" && (
        <button type="button" class="link small inline-more" disabled={panel.loadingMore} onClick={() => inlineMode.more()} data-testid="inline-more">
          {panel.loadingMore ? "Loading…" : "More results"}
        </button>
      )}
    </div>
  );
}

function ResultRow({ result: r }: { result: InlineResultView }) {
  return (
    <button type="button" role="option" class="inline-result" data-testid="inline-result" data-result-id={r.id} onClick={() => void inlineMode.choose(r)}>
      {r.thumbnailUrl ? <Thumbnail url={r.thumbnailUrl} /> : <span class="inline-thumb inline-thumb-empty" aria-hidden="true">{(r.title ?? r.text).slice(0, 1).toUpperCase()}</span>}
      <span class="inline-result-text">
        <strong>{r.title ?? (r.type === "photo" ? "Photo" : r.text.slice(0, 80))}</strong>
        {(r.description ?? (r.title ? r.text : "")) && <small>{r.description ?? r.text}</small>}
      </span>
    </button>
  );
}

/** A thumbnail the platform fetched for us (never from the bot's server directly), shown from an object URL. */
function Thumbnail({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    session.api.blob(url).then(
      (b) => {
        made = URL.createObjectURL(b);
        if (live) setSrc(made);
        else URL.revokeObjectURL(made);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  if (!src) return <span class={`inline-thumb${failed ? " inline-thumb-empty" : " loading"}`} aria-hidden="true" />;
  return <img class="inline-thumb" src={src} alt="" data-testid="inline-thumbnail" />;
}

/** The dialogs inline buttons open; mounted once for the whole app. */
export function InlineDialogs() {
  const pick = useInline((s) => s.pickChat);
  const login = useInline((s) => s.login);
  const chats = useSelect((s) => s.chats);
  const me = useSelect((s) => s.me);
  if (pick) {
    const offered = chats.filter((c) => inlineMode.offers(c));
    return (
      <Modal title="Send to…" onClose={() => inlineMode.picked(null)} testid="chat-picker">
        <p class="small muted">
          Choose a chat to write <code>{pick.text}</code> in.
        </p>
        <div class="pick-list">
          {offered.length === 0 && <p class="muted">No chat fits.</p>}
          {offered.map((c) => (
            <button type="button" key={c.id} class="person pickable" data-testid="chat-picker-item" data-chat-id={c.id} onClick={() => inlineMode.picked(c.id)}>
              <Avatar id={c.id} name={c.title || "?"} size={32} group={c.type === "group"} />
              <span class="person-text">
                <strong>{c.title}</strong>
              </span>
            </button>
          ))}
        </div>
      </Modal>
    );
  }
  if (login) {
    return (
      <Modal title="Log in" onClose={() => void inlineMode.answerLogin(false)} testid="login-confirm">
        <p>
          Log in to <strong data-testid="login-host">{login.host}</strong> as <strong>{me?.displayName}</strong>?
        </p>
        <p class="small muted">
          @{login.bot} will tell the site your name, your username and your account id. Only agree if you trust this site.
        </p>
        <div class="token-actions">
          <button class="btn btn-small" onClick={() => void inlineMode.answerLogin(false)} data-testid="login-cancel">
            Cancel
          </button>
          <button class="btn btn-primary btn-small" onClick={() => void inlineMode.answerLogin(true)} data-testid="login-ok">
            Log in
          </button>
        </div>
      </Modal>
    );
  }
  return null;
}
