// An expected failure is a value; the HTTP edge maps each reason to a status, once.
export type Result<T> = { ok: true; value: T } | { ok: false; reason: Reason };

export type Reason =
  | "not_member"
  | "not_group"
  | "forbidden"
  | "user_not_member"
  | "message_not_found"
  | "reply_not_found"
  | "bot_blocked"
  | "not_modified"
  | "no_such_button"
  | "not_bot_chat"
  | "duplicate_deleted";
