// Whether an edit changes anything, and what the message becomes. Pure.
import type { MessageEntity, ReplyMarkup, StoredMessage } from "../protocol/messages.ts";

export type EditChange = { text?: string; entities?: MessageEntity[]; replyMarkup?: ReplyMarkup | null };

/**
 * The message's next text, entities and buttons, or null when the edit changes nothing.
 * A new text brings its own entities (none, if not given); `replyMarkup: null` removes the buttons.
 */
export function editChanges(
  m: Pick<StoredMessage, "text" | "entities" | "replyMarkup">,
  change: EditChange,
): { text: string; entities?: MessageEntity[]; replyMarkup?: ReplyMarkup } | null {
  const text = change.text ?? m.text;
  const entities = change.text !== undefined ? change.entities : m.entities;
  const replyMarkup = change.replyMarkup === undefined ? m.replyMarkup : (change.replyMarkup ?? undefined);
  const norm = (e?: MessageEntity[]) => (e?.length ? e : undefined);
  if (text === m.text && JSON.stringify([norm(entities), replyMarkup]) === JSON.stringify([norm(m.entities), m.replyMarkup])) return null;
  return { text, ...(norm(entities) ? { entities: norm(entities)! } : {}), ...(replyMarkup ? { replyMarkup } : {}) };
}
