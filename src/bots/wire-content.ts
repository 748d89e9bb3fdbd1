// Entities, locations, contacts and forwards in the Bot API's wire shapes. Pure.
import type { MessageEntity, StoredMessage } from "../protocol/messages.ts";
import { tgUser } from "./wire.ts";

/** Entities as Telegram sends them: a text_mention's user is a Telegram User. */
export function tgEntities(entities: MessageEntity[]): Record<string, unknown>[] {
  return entities.map((e) => {
    if (!e.user) return { ...e };
    const { user, ...rest } = e;
    return { ...rest, user: { id: user.id, is_bot: user.isBot ?? false, first_name: user.displayName, ...(user.handle ? { username: user.handle } : {}) } };
  });
}

/**
 * A message's location, contact and forward origin. A forward's origin is a MessageOrigin of
 * type "user": every message here has a sender who may be named (Telegram's "chat" and
 * "channel" origins are for messages sent on behalf of a chat, which Switchboard has not).
 * forward_from and forward_date are the older fields, still read by older libraries.
 */
export function tgContentFields(m: Pick<StoredMessage, "location" | "contact" | "forwardOrigin">): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (m.location) {
    const { latitude, longitude, horizontalAccuracy } = m.location;
    out.location = { latitude, longitude, ...(horizontalAccuracy !== undefined ? { horizontal_accuracy: horizontalAccuracy } : {}) };
  }
  if (m.contact) {
    const c = m.contact;
    out.contact = {
      phone_number: c.phoneNumber,
      first_name: c.firstName,
      ...(c.lastName ? { last_name: c.lastName } : {}),
      ...(c.userId !== undefined ? { user_id: c.userId } : {}),
      ...(c.vcard ? { vcard: c.vcard } : {}),
    };
  }
  if (m.forwardOrigin) {
    const { from, date } = m.forwardOrigin;
    out.forward_origin = { type: "user", sender_user: tgUser(from), date };
    out.forward_from = tgUser(from);
    out.forward_date = date;
  }
  return out;
}
