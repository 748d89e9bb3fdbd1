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
  | "no_caption"
  | "media_not_editable"
  | "album_media_type"
  | "cant_remove_owner"
  | "target_is_admin"
  | "user_banned"
  | "too_many_bans"
  | "not_poll"
  | "poll_closed"
  | "bad_vote"
  | "vote_final"
  | "bad_reaction"
  | "not_pinned"
  | "not_pinnable";

/**
 * Every code the client API answers for a refusal: a chat's, and those of its own routes (an
 * inline result that can no longer be chosen, a forward whose file is no longer stored or
 * whose message was sent protected).
 */
export type ClientReason = ChatReason | WorkspaceReason | "query_expired" | "result_not_found" | "photo_unavailable" | "file_gone" | "content_protected" | ContactReason;

/** Contact points' refusals (notify/contacts.ts): bad addresses, and codes that do not confirm. */
export type ContactReason =
  | "bad_phone"
  | "bad_email"
  | "bad_official_account"
  | "contact_not_found"
  | "no_code_pending"
  | "bad_code"
  | "code_expired"
  | "too_many_attempts"
  | "contact_unreachable";

/**
 * A workspace's refusals (profiles/rules.ts): someone not its staff gets workspace_not_found,
 * as if it did not exist; staff whose role does not allow an act get workspace_forbidden.
 */
export type WorkspaceReason =
  | "workspace_not_found"
  | "workspace_forbidden"
  | "too_many_workspaces"
  | "workspace_full"
  | "already_staff"
  | "staff_not_found"
  | "cant_remove_workspace_owner"
  | "handle_not_found"
  | "customer_not_found"
  | "invitation_not_found"
  | "already_invited"
  | "too_many_invitations"
  | "too_many_memberships"
  | "owner_cannot_leave"
  | "unknown_field"
  | "too_many_tags"
  | "profile_not_found"
  | "profile_busy";
