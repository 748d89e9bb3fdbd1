// The Bot API's one table from a refusal to Telegram's error: the HTTP status (equal to
// error_code) and the description in Telegram's own words.
import type { BotRefusal, BotReason } from "./reasons.ts";

export type TgError = { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** `detail` fills the description where the reason alone does not say enough. */
const table: Record<BotReason, [number, string | ((detail: string) => string)]> = {
  unauthorized: [401, "Unauthorized"],
  method_not_found: [404, "Not Found"], // Telegram's exact words for an unknown method
  not_found: [404, "Not Found"],
  bad_parameters: [400, (d) => `Bad Request: ${d}`],
  cant_parse_body: [400, "Bad Request: can't parse request body"],
  cant_parse_entities: [400, (d) => `Bad Request: ${d}`],
  bad_webhook: [400, (d) => `Bad Request: bad webhook: ${d}`],
  chat_not_found: [400, "Bad Request: chat not found"],
  cant_initiate: [403, "Forbidden: bot can't initiate conversation with a user"],
  not_in_group: [403, "Forbidden: bot is not a member of the group chat"],
  bot_blocked: [403, "Forbidden: bot was blocked by the user"],
  reply_not_found: [400, "Bad Request: message to be replied not found"],
  message_to_forward_not_found: [400, "Bad Request: message to forward not found"],
  message_to_copy_not_found: [400, "Bad Request: message to copy not found"],
  message_cant_be_forwarded: [400, "Bad Request: the message can't be forwarded"], // sent with protect_content
  message_cant_be_copied: [400, "Bad Request: the message can't be copied"],
  wrong_location: [400, "Bad Request: wrong location specified"],
  message_to_edit_not_found: [400, "Bad Request: message to edit not found"],
  message_to_delete_not_found: [400, "Bad Request: message to delete not found"],
  not_modified: [400, NOT_MODIFIED],
  cant_edit: [400, "Bad Request: message can't be edited"],
  cant_delete: [400, "Bad Request: message can't be deleted"],
  duplicate_deleted: [409, "Conflict: a message with this idempotency key was sent and has since been deleted"],
  webhook_active: [409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"],
  poll_conflict: [409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"],
  too_many_requests: [429, "Too Many Requests: retry after"],
  text_empty: [400, "Bad Request: message text is empty"],
  no_file_in_request: [400, "Bad Request: there is no file in the request"],
  upload_needs_chat: [400, "Bad Request: send the file to a chat first, then use its file_id"],
  upload_in_other_chat: [400, "Bad Request: the uploaded file belongs to another chat"],
  upload_wrong_kind: [400, (d) => `Bad Request: ${d}`],
  upload_too_large: [413, "Request Entity Too Large"],
  wrong_file_id: [400, "Bad Request: wrong file identifier/HTTP URL specified"],
  invalid_file_id: [400, "Bad Request: invalid file_id"],
  file_not_found: [404, "Not Found: file not found"],
  query_too_old: [400, "Bad Request: query is too old and response timeout expired or query ID is invalid"],
  send_at_past: [400, "Bad Request: send_at is in the past"],
  send_at_too_far: [400, "Bad Request: send_at is more than a year ahead"],
  scheduled_not_found: [400, "Bad Request: scheduled message not found"],
  notification_not_found: [400, "Bad Request: notification not found"],
  broadcast_not_found: [400, "Bad Request: broadcast not found"],
  no_caption_to_edit: [400, "Bad Request: there is no caption in the message to edit"],
  media_not_editable: [400, "Bad Request: message media can't be edited"],
  album_media_type: [400, "Bad Request: can't change media type in the album"],
  wrong_file_type: [400, (d) => `Bad Request: ${d}`], // "can't use file of type Document as Photo"
  url_content_failed: [400, "Bad Request: failed to get HTTP URL content"],
  url_wrong_type: [400, "Bad Request: wrong type of the web page content"],
  photo_invalid: [400, (d) => `Bad Request: ${d}`], // IMAGE_PROCESS_FAILED, PHOTO_INVALID_DIMENSIONS
  media_group_invalid: [400, (d) => `Bad Request: ${d}`], // "too many messages to send as an album" ...
  input_media_not_found: [400, "Bad Request: can't parse InputMedia: media not found"],
  cant_restrict: [400, "Bad Request: not enough rights to restrict/ban chat member"],
  cant_remove_owner: [400, "Bad Request: can't remove chat owner"],
  user_is_admin: [400, "Bad Request: user is an administrator of the chat"],
  private_member_status: [400, "Bad Request: chat member status can't be changed in private chats"],
  no_admins_in_private: [400, "Bad Request: there are no administrators in the private chat"],
  user_not_found: [400, "Bad Request: user not found"],
  logged_out: [400, "Logged out"], // Telegram's words, without "Bad Request:", for every call after logOut
  too_many_command_sets: [400, (d) => `Bad Request: ${d}`],
  too_many_bans: [400, "Bad Request: too many banned users in this chat; unban some first"],
  poll_closed: [400, "Bad Request: poll has already been closed"],
  poll_not_stoppable: [400, "Bad Request: poll can't be stopped"],
  not_a_poll: [400, "Bad Request: message is not a poll"],
  poll_to_stop_not_found: [400, "Bad Request: message with poll to stop not found"],
  message_to_react_not_found: [400, "Bad Request: message to react not found"],
  reaction_invalid: [400, "Bad Request: REACTION_INVALID"],
  reactions_too_many: [400, "Bad Request: REACTIONS_TOO_MANY"],
  message_to_pin_not_found: [400, "Bad Request: message to pin not found"],
  message_to_unpin_not_found: [400, "Bad Request: message to unpin not found"],
  cant_pin: [400, "Bad Request: not enough rights to manage pinned messages in the chat"],
  service_not_pinnable: [400, "Bad Request: service messages can't be pinned"],
};

export function isBotReason(text: string): text is BotReason {
  return Object.hasOwn(table, text);
}

export function toTelegramError(r: Pick<BotRefusal, "reason" | "detail" | "retryAfter">): TgError {
  const [code, words] = table[r.reason];
  let description = typeof words === "function" ? words(r.detail ?? "invalid parameters") : words;
  const error: TgError = { ok: false, error_code: code, description };
  if (r.reason === "too_many_requests") {
    const after = r.retryAfter ?? 1;
    error.description = `${description} ${after}`;
    error.parameters = { retry_after: after };
  }
  return error;
}

/** The failure of our own making: Telegram's shape, no details. */
export const internalError: TgError = { ok: false, error_code: 500, description: "Internal Server Error" };
