// Exactly-once delivery to one socket. Each socket remembers, per chat, the last message id
// it was given; a message at or below that cursor is a repeat (a repaired fan-out, or
// catch-up racing a live send) and is dropped. Message ids in a chat are 1, 2, 3 ... so a
// cursor says precisely what a socket has seen.

export type Cursors = Record<string, number>;

export function isNew(cursors: Cursors, chatId: number, messageId: number): boolean {
  return messageId > (cursors[String(chatId)] ?? 0);
}

export function advance(cursors: Cursors, chatId: number, messageId: number): Cursors {
  return isNew(cursors, chatId, messageId) ? { ...cursors, [String(chatId)]: messageId } : cursors;
}

/** Keeps, in order, the messages a socket has not seen yet, and the cursors after them. */
export function unseen<M extends { chatId: number; id: number }>(
  cursors: Cursors,
  messages: readonly M[],
): { fresh: M[]; cursors: Cursors } {
  const fresh: M[] = [];
  let next = cursors;
  for (const m of messages) {
    if (!isNew(next, m.chatId, m.id)) continue;
    fresh.push(m);
    next = advance(next, m.chatId, m.id);
  }
  return { fresh, cursors: next };
}
