// What a forward or a copy of a message posts in another chat. Pure: the caller reads the
// originals, copies their files and posts.
//
// A forward carries its origin (who first sent it, when, and from which group), and a
// forward of a forward keeps the first origin, as Telegram's do. A copy carries no origin:
// it reads as the copier's own message, with the caption replaced or removed if asked.
import type { Contact, ForwardOrigin, Location, Media, MessageEntity, StoredMessage } from "../protocol/messages.ts";

/** At most this many messages in one forward or copy (Telegram's forwardMessages bound). */
export const MAX_RELAYED = 100;

/** A message to post again. `media` still names the file in the source chat: copy it first. */
export interface Relayed {
  text: string;
  entities?: MessageEntity[];
  media?: Media;
  location?: Location;
  contact?: Contact;
  forwardOrigin?: ForwardOrigin;
}

/** The chat the originals are read from, as its messages' origin names it. */
export type SourceChat = { type: "private" | "group"; title: string };

/**
 * Whether a message can be posted again: one with content of a kind a forward carries (text,
 * a file, a location, a contact). A service message (a pin: no content of its own) or a poll
 * cannot, yet.
 */
export function relayable(m: StoredMessage): boolean {
  if (m.poll) return false;
  return m.text.length > 0 || !!m.media || !!m.location || !!m.contact;
}

function content(m: StoredMessage): Relayed {
  const out: Relayed = { text: m.text };
  if (m.entities?.length) out.entities = m.entities;
  if (m.media) out.media = m.media;
  if (m.location) out.location = m.location;
  if (m.contact) out.contact = m.contact;
  return out;
}

/** A forward of `m`: its content and where it first came from. */
export function forwardOf(m: StoredMessage, source: SourceChat): Relayed {
  const origin: ForwardOrigin = m.forwardOrigin ?? { from: m.from, date: m.date, ...(source.type === "group" ? { chatTitle: source.title } : {}) };
  return { ...content(m), forwardOrigin: origin };
}

/**
 * A copy of `m`. A file's caption may be replaced (`caption`) or removed (`"remove"`); a text
 * message keeps its text, as Telegram's copyMessage does.
 */
export function copyOf(m: StoredMessage, caption?: { text: string; entities?: MessageEntity[] } | "remove"): Relayed {
  const out = content(m);
  if (!m.media || caption === undefined) return out;
  delete out.entities;
  if (caption === "remove") return { ...out, text: "" };
  return { ...out, text: caption.text, ...(caption.entities?.length ? { entities: caption.entities } : {}) };
}

/** Message ids as Telegram takes them: 1 to 100 of them, strictly increasing. */
export function idsProblem(ids: number[]): string | null {
  if (!ids.length) return "message identifiers are not specified";
  if (ids.length > MAX_RELAYED) return "too many message identifiers specified";
  for (let i = 1; i < ids.length; i++) if (ids[i]! <= ids[i - 1]!) return "message identifiers must be in strictly increasing order";
  return null;
}
