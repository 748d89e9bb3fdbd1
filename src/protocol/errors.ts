// The client API's error codes for what actors refuse: `{error:{code, message}}`, where
// `code` is one of these. Clients may branch on the code; the message is for people.

export type ChatReason =
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
  | "duplicate_deleted"
  | "user_blocked"
  | "not_friends"
  | "not_poll"
  | "poll_closed"
  | "bad_vote"
  | "vote_final"
  | "bad_reaction"
  | "not_pinned"
  | "not_pinnable"
  | "no_caption"
  | "media_not_editable"
  | "album_media_type";
