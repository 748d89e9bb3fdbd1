// Chat members in the Bot API's wire shape (ChatMember: owner, administrator, member, left,
// banned). Pure.
import type { Member } from "../protocol/api.ts";
import type { Sender } from "../protocol/messages.ts";
import { tgUser } from "./wire.ts";

/**
 * What a group's admins may do here, in ChatMemberAdministrator's terms: remove and ban
 * members, add them, delete and pin messages. Promoting is the owner's alone, and nothing
 * else (title, photo, stories, topics, video chats) can be changed by anyone yet.
 */
const adminRights = {
  can_be_edited: false,
  is_anonymous: false,
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: false,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: false,
  can_invite_users: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
  can_pin_messages: true,
  can_manage_topics: false,
};

export function tgChatMember(m: Member) {
  const user = tgUser(m);
  if (m.role === "owner") return { status: "creator" as const, user, is_anonymous: false };
  if (m.role === "admin") return { status: "administrator" as const, user, ...adminRights };
  return { status: "member" as const, user };
}

export function tgLeftMember(u: Sender) {
  return { status: "left" as const, user: tgUser(u) };
}

/** `until`: Unix time the ban ends, 0 for good (Telegram's until_date). */
export function tgBannedMember(u: Sender, until: number) {
  return { status: "kicked" as const, user: tgUser(u), until_date: until };
}
