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

/**
 * Where one chat's catch-up on a socket starts and stops. A socket gets live messages from
 * the moment it connects, before the client's first sync; `liveFrom` is the first message it
 * was sent live in that chat then. The client's gap is what lies between what it says it
 * has and that message: sent without the cursor check, which the live message has moved past.
 * With no such message, catch-up goes from the later of the client's and the socket's cursors.
 */
export function catchUpRange(lastSeen: number, cursor: number | undefined, liveFrom: number | undefined): { after: number; before: number | null } {
  if (liveFrom !== undefined && liveFrom > lastSeen + 1) return { after: lastSeen, before: liveFrom };
  return { after: Math.max(lastSeen, cursor ?? 0), before: null };
}
