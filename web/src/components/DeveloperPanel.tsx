import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { session } from "../state/session.ts";
import type { OwnedBot } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { BotNotificationStats } from "./BotNotificationStats.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";

const USERNAME = /^[A-Za-z][A-Za-z0-9_]{1,29}bot$/i;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A token just issued: shown once, then only its hash exists on the server. */
interface Issued {
  username: string;
  token: string;
  rotated: boolean;
}

/** The developer page: create bots, see each one's token once, its webhook and its errors. */
export function DeveloperPanel({ onClose }: { onClose: () => void }) {
  const [bots, setBots] = useState<OwnedBot[] | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    try {
      setBots((await session.api.myBots()).bots);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not load your bots");
    }
  }

  // Webhook status changes on its own (deliveries, errors): keep it fresh while open.
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 10_000);
    return () => clearInterval(t);
  }, []);

  return (
    <Modal title="Developer" onClose={onClose} testid="developer-panel" wide>
      {issued && <TokenBox issued={issued} onDone={() => setIssued(null)} />}
      <CreateBotForm
        onCreated={(username, token) => {
          setIssued({ username, token, rotated: false });
          void load();
        }}
      />
      <section class="people">
        <div class="section-head">
          <h3>My bots</h3>
          <button class="link small" onClick={() => void load()} data-testid="dev-refresh">
            Refresh
          </button>
        </div>
        {error && <p class="form-error">{error}</p>}
        {!bots ? (
          <p class="muted">Loading…</p>
        ) : bots.length === 0 ? (
          <p class="muted">You have no bots yet.</p>
        ) : (
          bots.map((b) => (
            <BotCard
              key={b.id}
              bot={b}
              onToken={(token) => setIssued({ username: b.username, token, rotated: true })}
              onChanged={(status) => setBots((list) => list?.map((x) => (x.id === b.id ? { ...x, status } : x)) ?? null)}
            />
          ))
        )}
      </section>
    </Modal>
  );
}

function CreateBotForm({ onCreated }: { onCreated: (username: string, token: string) => void }) {
  const [username, setUsername] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [about, setAbout] = useState("");
  const [category, setCategory] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const validName = USERNAME.test(username.trim());

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const opt = (v: string) => (v.trim() ? v.trim() : undefined);
      const r = await session.api.createBot({
        username: username.trim(),
        name: name.trim(),
        description: opt(description),
        about: opt(about),
        category: opt(category),
      });
      onCreated(r.bot.username, r.token);
      setUsername("");
      setName("");
      setDescription("");
      setAbout("");
      setCategory("");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the bot");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack dev-form" onSubmit={create} data-testid="create-bot-form">
      <h3 class="section-label">New bot</h3>
      <div class="field-grid">
        <label class="field">
          <span>Username</span>
          <input
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            placeholder="pizza_bot"
            autoCapitalize="none"
            spellcheck={false}
            required
            data-testid="dev-username"
          />
        </label>
        <label class="field">
          <span>Name</span>
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="Pizza Bot" maxLength={64} required data-testid="dev-name" />
        </label>
        <label class="field">
          <span>Category <em>(optional)</em></span>
          <input value={category} onInput={(e) => setCategory(e.currentTarget.value)} placeholder="Food" maxLength={32} data-testid="dev-category" />
        </label>
        <label class="field">
          <span>About <em>(optional)</em></span>
          <input value={about} onInput={(e) => setAbout(e.currentTarget.value)} placeholder="One line for the profile" maxLength={120} data-testid="dev-about" />
        </label>
      </div>
      <label class="field">
        <span>Description <em>(optional)</em></span>
        <textarea
          rows={2}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
          placeholder="What the bot does, shown in the directory"
          maxLength={512}
          data-testid="dev-description"
        />
      </label>
      <p class="hint">Username: 5–32 letters, digits or _, starting with a letter and ending in “bot”.</p>
      {error && (
        <p class="form-error" role="alert" data-testid="create-bot-error">
          {error}
        </p>
      )}
      <button class="btn btn-primary" type="submit" disabled={busy || !validName || !name.trim()} data-testid="dev-create">
        {busy ? "Creating…" : "Create bot"}
      </button>
    </form>
  );
}

function TokenBox({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const snippet = `new Bot(${JSON.stringify(issued.token)}, { client: { apiRoot: ${JSON.stringify(location.origin)} } })`;

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      session.notify("Copying is not allowed here; select the token and copy it by hand.");
    }
  }

  return (
    <section class="token-box" data-testid="token-box" data-username={issued.username} role="alert">
      <strong>{issued.rotated ? `New token for @${issued.username}` : `@${issued.username} is ready. Its token:`}</strong>
      <div class="token-row">
        <code class="token" data-testid="bot-token" onClick={(e) => getSelection()?.selectAllChildren(e.currentTarget)}>
          {issued.token}
        </code>
        <button class="icon-btn" title="Copy the token" aria-label="Copy the token" onClick={() => void copy(issued.token)} data-testid="copy-token">
          <Icon name="copy" size={18} />
        </button>
      </div>
      <p class="token-warning">
        This token is shown <b>once</b>: store it now. Only a hash of it is kept, so it cannot be shown again; if you lose it, rotate it.
        {issued.rotated && " The old token has stopped working."}
      </p>
      <p class="small muted">Point grammY at Switchboard with one line:</p>
      <pre class="snippet" data-testid="grammy-snippet">{snippet}</pre>
      <div class="token-actions">
        <span class="small ok-text" aria-live="polite">
          {copied ? "Copied" : ""}
        </span>
        <button class="btn btn-small" onClick={() => void copy(snippet)}>
          Copy snippet
        </button>
        <button class="btn btn-primary btn-small" onClick={onDone} data-testid="token-done">
          I have stored it
        </button>
      </div>
    </section>
  );
}

function BotCard({ bot: b, onToken, onChanged }: { bot: OwnedBot; onToken: (token: string) => void; onChanged: (status: OwnedBot["status"]) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notifications, setNotifications] = useState(false);
  // Shown at once on a click; put back if the server refuses.
  const [privacy, setPrivacyShown] = useState(b.status.privacy);
  useEffect(() => setPrivacyShown(b.status.privacy), [b.status.privacy]);
  const privacySeq = useRef(0);
  const hook = b.status.webhook;

  async function rotate() {
    setBusy(true);
    try {
      const { token } = await session.api.rotateBotToken(b.username);
      setConfirming(false);
      onToken(token);
    } catch (e) {
      session.notify(e instanceof ApiError ? e.message : "Could not rotate the token");
    } finally {
      setBusy(false);
    }
  }

  async function setPrivacy(on: boolean) {
    setPrivacyShown(on);
    // Quick clicks: only the answer to the latest change may update the card.
    const mine = ++privacySeq.current;
    try {
      const { status } = await session.api.updateBot(b.username, { privacy: on });
      if (mine === privacySeq.current) onChanged(status);
    } catch (e) {
      if (mine === privacySeq.current) setPrivacyShown(b.status.privacy);
      session.notify(e instanceof ApiError ? e.message : "Could not change privacy mode");
    }
  }

  return (
    <article class="dev-bot" data-testid="my-bot" data-username={b.username}>
      <header class="dev-bot-head">
        <Avatar id={b.id} name={b.name} size={36} />
        <span class="person-text">
          <strong>{b.name}</strong>
          <small>@{b.username}</small>
        </span>
        <span class="chip" data-testid="bot-subscribers" title="People who started the bot">
          {b.status.subscribers} {b.status.subscribers === 1 ? "subscriber" : "subscribers"}
        </span>
      </header>
      <dl class="dev-facts">
        <dt>Webhook</dt>
        <dd data-testid="webhook-url">{hook.url ? <code>{hook.url}</code> : <span class="muted">None: the bot polls with getUpdates</span>}</dd>
        <dt>Pending updates</dt>
        <dd data-testid="pending-updates">{hook.pending_update_count}</dd>
        <dt>Commands</dt>
        <dd data-testid="bot-commands">
          {b.commands.length ? b.commands.map((c) => `/${c.command}`).join("  ") : <span class="muted">None set (setMyCommands)</span>}
        </dd>
      </dl>
      {hook.last_error_date ? (
        <p class="form-error dev-error" data-testid="webhook-error">
          <strong>Last error</strong> {dateTime.format(new Date(hook.last_error_date * 1000))}: {hook.last_error_message ?? "unknown error"}
        </p>
      ) : (
        <p class="small muted" data-testid="webhook-ok">
          No delivery errors.
        </p>
      )}
      <InlineModeSetting bot={b} onChanged={onChanged} />
      <div class="dev-bot-actions">
        <label class="switch" title="In groups, the bot only sees commands, replies to it and mentions">
          <input type="checkbox" checked={privacy} onChange={(e) => void setPrivacy(e.currentTarget.checked)} data-testid="privacy-toggle" />
          <span>Privacy mode</span>
        </label>
        {confirming ? (
          <span class="confirm">
            <span class="small">The old token stops working.</span>
            <button class="btn btn-small btn-danger" disabled={busy} onClick={() => void rotate()} data-testid="rotate-confirm">
              Rotate
            </button>
            <button class="btn btn-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button class="btn btn-small" onClick={() => setConfirming(true)} data-testid="rotate-token">
            Rotate token
          </button>
        )}
        <button class="btn btn-small" aria-expanded={notifications} onClick={() => setNotifications((v) => !v)} data-testid="open-notify-stats">
          Notifications
        </button>
      </div>
      {notifications && <BotNotificationStats username={b.username} />}
    </article>
  );
}

/** BotFather's /setinline: inline mode on, with the placeholder the composer shows after "@bot ". */
function InlineModeSetting({ bot: b, onChanged }: { bot: OwnedBot; onChanged: (status: OwnedBot["status"]) => void }) {
  const inline = b.status.inline ?? { enabled: false, placeholder: "" };
  const [placeholder, setPlaceholder] = useState(inline.placeholder);
  const [busy, setBusy] = useState(false);
  // Shown at once on a click; put back if the server refuses.
  const [enabled, setEnabled] = useState(inline.enabled);
  useEffect(() => setPlaceholder(inline.placeholder), [inline.placeholder]);
  useEffect(() => setEnabled(inline.enabled), [inline.enabled]);

  async function save(on: boolean) {
    setEnabled(on);
    setBusy(true);
    try {
      const { status } = await session.api.updateBot(b.username, { inline: { enabled: on, ...(placeholder.trim() ? { placeholder: placeholder.trim() } : {}) } });
      onChanged(status);
    } catch (e) {
      setEnabled(inline.enabled);
      session.notify(e instanceof ApiError ? e.message : "Could not change inline mode");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="dev-inline" data-testid="inline-setting" data-enabled={inline.enabled ? "true" : "false"}>
      <label class="switch" title="People can type @username and a query in any chat to get this bot's results">
        <input type="checkbox" checked={enabled} onChange={(e) => void save(e.currentTarget.checked)} data-testid="inline-toggle" />
        <span>Inline mode</span>
      </label>
      {enabled && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(true);
          }}
        >
          <label class="field inline-placeholder-field">
            <span>Placeholder people see after “@{b.username} ”</span>
            <input
              value={placeholder}
              onInput={(e) => setPlaceholder(e.currentTarget.value)}
              maxLength={64}
              placeholder="Search…"
              data-testid="inline-placeholder"
            />
          </label>
          <button class="btn btn-small" type="submit" disabled={busy || placeholder.trim() === inline.placeholder} data-testid="inline-save">
            Save
          </button>
        </form>
      )}
    </div>
  );
}
