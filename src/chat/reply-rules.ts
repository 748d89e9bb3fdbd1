// A reply whose message is gone: refused, or (when the sender allowed it, the Bot API's
// allow_sending_without_reply) sent as a plain message. Pure.

export interface ReplyIntent {
  replyTo?: number;
  /** Send without the reply when the message replied to does not exist. */
  replyOptional?: boolean;
}

/** The message to store (without `replyOptional`), or null when it must be refused ("message to be replied not found"). */
export function checkedReply<T extends ReplyIntent>(input: T, exists: (messageId: number) => boolean): Omit<T, "replyOptional"> | null {
  const { replyOptional, ...rest } = input;
  if (rest.replyTo === undefined || exists(rest.replyTo)) return rest;
  if (!replyOptional) return null;
  const { replyTo: _gone, ...withoutReply } = rest;
  return withoutReply as Omit<T, "replyOptional">;
}
