// Why the Bot API refuses a call: typed reasons, mapped to Telegram's errors once, in
// tg-errors.ts at the Bot API edge.
import type { Refusal, Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";

export type BotReason =
  | "unauthorized"
  | "method_not_found"
  | "not_found"
  | "bad_parameters"
  | "cant_parse_body"
  | "cant_parse_entities"
  | "bad_webhook"
  | "chat_not_found"
  | "cant_initiate"
  | "not_in_group"
  | "bot_blocked"
  | "reply_not_found"
  | "message_to_forward_not_found"
  | "message_to_copy_not_found"
  | "message_cant_be_forwarded"
  | "message_cant_be_copied"
  | "wrong_location"
  | "message_to_edit_not_found"
  | "message_to_delete_not_found"
  | "not_modified"
  | "cant_edit"
  | "cant_delete"
  | "duplicate_deleted"
  | "webhook_active"
  | "poll_conflict"
  | "too_many_requests"
  | "text_empty"
  | "no_file_in_request"
  | "upload_needs_chat"
  | "upload_in_other_chat"
  | "upload_wrong_kind"
  | "upload_too_large"
  | "wrong_file_id"
  | "invalid_file_id"
  | "file_not_found"
  | "query_too_old"
  | "send_at_past"
  | "send_at_too_far"
  | "scheduled_not_found"
  | "notification_not_found"
  | "broadcast_not_found"
  | "no_caption_to_edit"
  | "media_not_editable"
  | "album_media_type"
  | "wrong_file_type"
  | "url_content_failed"
  | "url_wrong_type"
  | "photo_invalid"
  | "media_group_invalid"
  | "input_media_not_found"
  | "cant_restrict"
  | "cant_remove_owner"
  | "user_is_admin"
  | "private_member_status"
  | "no_admins_in_private"
  | "user_not_found"
  | "logged_out"
  | "too_many_command_sets"
  | "too_many_bans"
  | "poll_closed"
  | "poll_not_stoppable"
  | "not_a_poll"
  | "poll_to_stop_not_found"
  | "message_to_react_not_found"
  | "reaction_invalid"
  | "reactions_too_many"
  | "message_to_pin_not_found"
  | "message_to_unpin_not_found"
  | "cant_pin"
  | "service_not_pinnable";

export type BotRefusal = Refusal<BotReason>;
export type BotResult<T> = Result<T, BotReason>;

/** What the bot was doing when a chat refused it, which decides Telegram's words. */
export type ChatAct = "send" | "edit" | "delete" | "member" | "stop_poll" | "react" | "pin" | "unpin" | "other";

/** A chat's refusal, in the Bot API's terms. Pure. */
export function fromChatRefusal(reason: ChatReason, chatId: number, act: ChatAct): BotReason {
  switch (reason) {
    case "not_member":
      return chatId > 0 ? "cant_initiate" : "not_in_group";
    case "bot_blocked":
      return "bot_blocked";
    case "reply_not_found":
      return "reply_not_found";
    case "message_not_found":
      if (act === "stop_poll") return "poll_to_stop_not_found";
      if (act === "react") return "message_to_react_not_found";
      if (act === "pin") return "message_to_pin_not_found";
      if (act === "unpin") return "message_to_unpin_not_found";
      return act === "delete" ? "message_to_delete_not_found" : "message_to_edit_not_found";
    case "not_modified":
      return "not_modified";
    case "forbidden":
      if (act === "member") return "cant_restrict";
      if (act === "stop_poll") return "poll_not_stoppable";
      if (act === "pin" || act === "unpin") return "cant_pin";
      return act === "delete" ? "cant_delete" : "cant_edit";
    case "duplicate_deleted":
      return "duplicate_deleted";
    case "no_caption":
      return "no_caption_to_edit";
    case "media_not_editable":
      return "media_not_editable";
    case "album_media_type":
      return "album_media_type";
    case "poll_closed":
      return "poll_closed";
    case "not_poll":
      return "not_a_poll";
    case "bad_reaction":
      return "reaction_invalid";
    case "not_pinned":
      return "message_to_unpin_not_found";
    case "not_pinnable":
      return "service_not_pinnable";
    case "cant_remove_owner":
      return "cant_remove_owner";
    case "target_is_admin":
      return "user_is_admin";
    case "too_many_bans":
      return "too_many_bans";
    case "not_group":
      return act === "member" ? "private_member_status" : "chat_not_found";
    case "user_not_member":
    case "user_banned":
    case "bad_vote":
    case "vote_final":
    case "no_such_button":
    case "not_bot_chat":
    case "user_blocked":
    case "not_friends":
      return "chat_not_found"; // acts bots cannot attempt through the Bot API
  }
}
