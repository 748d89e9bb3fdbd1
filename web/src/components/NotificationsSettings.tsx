// Notifications settings: the contact points notifications may reach me on. Adding a phone, an
// e-mail or an official-account id sends a code there; entering it confirms the contact (only
// confirmed contacts receive notifications). Removing one stops them there.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { addressHint, channelLabel, cleanCode, codeSentTo, CONTACT_CHANNELS, ContactsApi, ordered, type Contact, type ContactChannel } from "../contacts.ts";
import { session } from "../state/session.ts";
import "../notify.css";
import "../profiles.css";

const api = new ContactsApi(session.api);
type Message = { kind: "ok" | "error"; text: string } | null;
const says = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback);

export function NotificationsSettings() {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [channel, setChannel] = useState<ContactChannel>("email");
  const [address, setAddress] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function load() {
    try {
      setContacts(ordered((await api.list()).contacts));
    } catch (e) {
      setMessage({ kind: "error", text: says(e, "Could not load your contacts") });
    }
  }
  useEffect(() => void load(), []);

  /** Sends a code: to a new address, or again to one already there. */
  async function sendCode(to: ContactChannel, addr: string) {
    setBusy(true);
    setMessage(null);
    try {
      const { contact } = await api.add(to, addr);
      setMessage({ kind: "ok", text: codeSentTo(contact) });
      if (to === channel) setAddress("");
    } catch (e) {
      setMessage({ kind: "error", text: says(e, "Could not send the code") });
    } finally {
      setBusy(false);
      await load();
    }
  }

  async function confirmCode(c: Contact, code: string) {
    setMessage(null);
    try {
      await api.verify(c.channel, code);
      setMessage({ kind: "ok", text: `${c.address} is confirmed: notifications can reach you there.` });
    } catch (e) {
      setMessage({ kind: "error", text: says(e, "Could not check the code") });
    }
    await load();
  }

  async function remove(c: Contact) {
    if (!confirm(`Remove ${c.address}? Notifications will no longer reach you there.`)) return;
    setMessage(null);
    try {
      await api.remove(c.channel);
    } catch (e) {
      setMessage({ kind: "error", text: says(e, "Could not remove the contact") });
    }
    await load();
  }

  const hint = addressHint[channel];
  const existing = contacts?.find((c) => c.channel === channel);
  return (
    <section class="people" aria-label="Where notifications reach you" data-testid="notification-contacts">
      <h3>Where notifications reach you</h3>
      <p class="muted small">Bots you started can notify you in their chat, and on a phone, an e-mail address or an official account once you confirm it with the code we send there.</p>
      <form
        class="ws-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (address.trim()) void sendCode(channel, address.trim());
        }}
      >
        <select aria-label="Channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as ContactChannel)} data-testid="contact-channel">
          {CONTACT_CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {channelLabel[ch]}
            </option>
          ))}
        </select>
        <input
          inputMode={hint.inputMode}
          placeholder={hint.placeholder}
          aria-label={channelLabel[channel]}
          autoCapitalize="none"
          spellcheck={false}
          maxLength={254}
          value={address}
          onInput={(e) => setAddress(e.currentTarget.value)}
          data-testid="contact-address"
        />
        <button class="btn btn-primary" type="submit" disabled={busy || !address.trim()} data-testid="contact-add">
          Send code
        </button>
      </form>
      {existing && address.trim() && (
        <p class="muted small" data-testid="contact-replaces">
          This replaces {existing.address}, which stays unconfirmed until you enter the new code.
        </p>
      )}
      {message && (
        <p class={message.kind === "ok" ? "form-ok" : "form-error"} role={message.kind === "ok" ? "status" : "alert"} data-testid="contact-message">
          {message.text}
        </p>
      )}
      {!contacts ? (
        message?.kind !== "error" && <p class="muted">Loading…</p>
      ) : contacts.length === 0 ? (
        <p class="muted" data-testid="no-contacts">
          No contacts yet: notifications reach you in the bots' chats only.
        </p>
      ) : (
        <div class="contact-list">
          {contacts.map((c) => (
            <ContactRow key={c.channel} contact={c} busy={busy} onConfirm={(code) => confirmCode(c, code)} onResend={() => sendCode(c.channel, c.address)} onRemove={() => remove(c)} />
          ))}
        </div>
      )}
    </section>
  );
}

function ContactRow({
  contact: c,
  busy,
  onConfirm,
  onResend,
  onRemove,
}: {
  contact: Contact;
  busy: boolean;
  onConfirm: (code: string) => Promise<void>;
  onResend: () => void;
  onRemove: () => void;
}) {
  const [code, setCode] = useState("");
  const [checking, setChecking] = useState(false);
  return (
    <div class="contact" data-testid={`contact-${c.channel}`}>
      <div class="contact-head">
        <span class="person-text">
          <strong>{c.address}</strong>
          <small>{channelLabel[c.channel]}</small>
        </span>
        {c.verified ? (
          <span class="chip chip-ok" data-testid="contact-verified">
            verified
          </span>
        ) : (
          <span class="chip" data-testid="contact-unverified">
            not confirmed
          </span>
        )}
        <button class="btn btn-small btn-danger-outline" aria-label={`Remove ${c.address}`} onClick={onRemove} data-testid={`contact-remove-${c.channel}`}>
          Remove
        </button>
      </div>
      {!c.verified && (
        <form
          class="ws-form contact-code"
          onSubmit={async (e) => {
            e.preventDefault();
            setChecking(true);
            await onConfirm(code);
            setChecking(false);
            setCode("");
          }}
        >
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="6-digit code"
            aria-label={`Code sent to ${c.address}`}
            value={code}
            onInput={(e) => setCode(cleanCode(e.currentTarget.value))}
            data-testid={`contact-code-${c.channel}`}
          />
          <button class="btn btn-primary" type="submit" disabled={checking || code.length !== 6} data-testid={`contact-confirm-${c.channel}`}>
            Confirm
          </button>
          <button class="btn" type="button" disabled={busy} onClick={onResend} data-testid={`contact-resend-${c.channel}`}>
            Send a new code
          </button>
        </form>
      )}
    </div>
  );
}
