// The client API's one error shape, {error:{code, message}}, and the one table from a
// refusal (a typed reason, an actor's or a route's) to an HTTP status.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ClientReason } from "../protocol/errors.ts";
import type { Result } from "./result.ts";

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const reasons: Record<ClientReason, [ContentfulStatusCode, string]> = {
  not_member: [403, "you are not a member of this chat"],
  not_group: [400, "this is not a group chat"],
  forbidden: [403, "your role in this chat does not allow that"],
  user_not_member: [404, "that user is not a member of this chat"],
  message_not_found: [404, "no such message in this chat"],
  reply_not_found: [400, "replyTo names no message in this chat"],
  bot_blocked: [403, "the user has blocked this bot"],
  not_modified: [400, "the message is not modified"],
  no_such_button: [400, "that message has no inline button with this callback data"],
  not_bot_chat: [400, "this is not a chat with a bot"],
  duplicate_deleted: [409, "a message with this clientMsgId was sent and has since been deleted"],
  user_blocked: [403, "this user has blocked you; your messages are not delivered"],
  no_caption: [400, "the message has no caption to edit"],
  media_not_editable: [400, "the message's media cannot be replaced"],
  album_media_type: [400, "an album's documents and audio stay documents and audio"],
  not_friends: [403, "you are no longer friends with this user and share no group, so you cannot message them"],
  cant_remove_owner: [403, "the group's owner cannot be removed or banned"],
  target_is_admin: [403, "that user is an admin of this group; only the owner can remove or ban them"],
  user_banned: [403, "that user is banned from this group; an admin must unban them before they can be added"],
  too_many_bans: [409, "this group has as many bans as it can hold; lift some first"],
  not_poll: [400, "that message has no poll"],
  poll_closed: [409, "the poll is closed"],
  bad_vote: [400, "options must name the poll's options, each once, and only one unless the poll takes several"],
  vote_final: [409, "a quiz answer cannot be changed or taken back"],
  bad_reaction: [400, "that emoji is not one of the reactions"],
  not_pinned: [404, "that message is not pinned"],
  not_pinnable: [400, "service messages cannot be pinned"],
  query_expired: [410, "these results are no longer available; type the query again"],
  result_not_found: [404, "the bot gave no such result"],
  photo_unavailable: [502, "the bot's photo could not be fetched"],
  file_gone: [410, "a message's file is no longer stored, so it cannot be forwarded"],
  content_protected: [403, "its sender protected this message: it can't be forwarded"],
  workspace_not_found: [404, "no such workspace among yours"],
  workspace_forbidden: [403, "your role in this workspace does not allow that"],
  too_many_workspaces: [409, "you already own as many workspaces as one user may"],
  workspace_full: [409, "this workspace holds as many staff as it can; remove some first"],
  already_staff: [409, "that user is already staff of this workspace"],
  staff_not_found: [404, "that user is not staff of this workspace"],
  cant_remove_workspace_owner: [403, "the workspace's owner cannot be removed"],
  handle_not_found: [404, "no user with that handle"],
  customer_not_found: [404, "that user is not a customer of this workspace"],
  invitation_not_found: [404, "no invitation to that workspace"],
  already_invited: [409, "that user is already invited to this workspace"],
  too_many_invitations: [409, "that user holds as many workspace invitations as one may; they must answer some first"],
  too_many_memberships: [409, "you are staff of as many workspaces as one user may; leave one first"],
  owner_cannot_leave: [403, "a workspace's owner cannot leave it"],
  unknown_field: [400, "fields must be profile fields: name, company, position, phone, email, address, birthday, interests, budget, organization, note"],
  too_many_tags: [409, "a customer carries at most 50 tags and a workspace's library at most 500"],
  profile_not_found: [404, "this workspace keeps no profile on you"],
  profile_busy: [409, "the profile kept changing while this edit was stored; nothing was stored, send it again"],
  bad_phone: [400, "address: must be a mobile number in international form, such as +44 7400 123456"],
  bad_email: [400, "address: must be an e-mail address such as name@example.com, at most 254 characters"],
  bad_official_account: [400, "address: an official-account id is 1 to 64 letters, digits, _ or -"],
  contact_not_found: [404, "you have no contact on that channel; add it first"],
  no_code_pending: [409, "no code is waiting for this contact; add it again for a new one"],
  bad_code: [400, "that is not the code that was sent; after 5 wrong codes it is void"],
  code_expired: [410, "the code has expired; add the contact again for a new one"],
  too_many_attempts: [429, "too many wrong codes: this one is void; add the contact again for a new one"],
  contact_unreachable: [502, "the code could not be sent to that address; check it and try again"],
};

export function failure(reason: ClientReason): HttpError {
  const [status, message] = reasons[reason];
  return new HttpError(status, reason, message);
}

/** Unwraps an actor's Result, or throws its refusal for the edge to answer. */
export function unwrap<T>(r: Result<T, ClientReason>): T {
  if (!r.ok) throw failure(r.reason);
  return r.value;
}

export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof HttpError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
  console.error("unhandled", err instanceof Error ? err.stack : err);
  return c.json({ error: { code: "internal", message: "something went wrong on our side" } }, 500);
}
