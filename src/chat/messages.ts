// How a stored message is shown to one member, and the paging rule for history.
import { MAX_PAGE, type Message, type StoredMessage } from "../protocol/messages.ts";
import { pollSeenBy } from "./poll-rules.ts";

/** `viewerId` sees the chat as `chatId`; the sender alone is shown its own `clientMsgId`. */
export function present(chatId: number, m: StoredMessage, viewerId?: number): Message {
  const { media, replyToMessage, clientMsgId, pinnedMessage, ...rest } = m;
  const out: Message = { ...rest, chatId };
  if (media) {
    out.media = { ...media, url: `/api/v1/chats/${chatId}/media/${media.fileId}` };
    if (media.thumbnail) out.media.thumbnailUrl = `/api/v1/chats/${chatId}/media/${media.thumbnail.fileId}`;
  }
  if (replyToMessage) out.replyToMessage = present(chatId, replyToMessage);
  if (pinnedMessage) out.pinnedMessage = present(chatId, pinnedMessage);
  if (m.poll) out.poll = pollSeenBy(m.poll, viewerId === m.from.id);
  if (clientMsgId !== undefined && viewerId === m.from.id) out.clientMsgId = clientMsgId;
  return out;
}

export type Page = { after: number; limit: number; direction: "forward" } | { before: number; limit: number; direction: "backward" };

/**
 * `after` pages forward from a message id (0: from the start); `before` pages backward,
 * giving the `limit` messages just before it. Either way the page is oldest first.
 */
export function page(q: { after?: number; before?: number; limit?: number }): Page {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), MAX_PAGE);
  if (q.before !== undefined) return { before: q.before, limit, direction: "backward" };
  return { after: q.after ?? 0, limit, direction: "forward" };
}
