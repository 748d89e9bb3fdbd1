// A person forwards messages from one of their chats to another (the client API's forward
// route): each original is read as that member sees it, its file copied into the target
// chat (so deleting either message never removes the other's file), and posted as the
// person's own message carrying its origin. The decisions are forwarding.ts's.
import type { Env } from "../env.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ClientReason } from "../protocol/errors.ts";
import type { Message, Sender } from "../protocol/messages.ts";
import type { ChatActor } from "./chat-actor.ts";
import { forwardOf } from "./forwarding.ts";
import type { NewMessage } from "./log.ts";
import { copyMedia, removeMedia } from "./media-store.ts";

type Chat = { key: string; chat: DurableObjectStub<ChatActor> };

/**
 * Forwards the messages `ids` names (those that exist; at least one must) from `from` to
 * `to`, in order. A refusal before anything was posted is the answer; after that, the
 * messages posted so far are (as the Bot API's forwardMessages answers).
 */
export async function forwardMessages(env: Env, me: Sender, from: Chat, to: Chat, ids: number[]): Promise<Result<Message[], ClientReason>> {
  const found = await from.chat.originals(me.id, ids);
  if (!found.ok) return found;
  if (!found.value.messages.length) return refuse("message_not_found");
  // A message sent with protect_content is never forwarded (nor are the others asked with it).
  if (found.value.messages.some((m) => m.protectContent)) return refuse("content_protected");
  const posted: Message[] = [];
  for (const m of found.value.messages) {
    const { media, ...rest } = forwardOf(m, found.value.source);
    const input: NewMessage = rest;
    if (media) {
      const copy = await copyMedia(env.MEDIA, { chatKey: from.key, fileId: media.fileId }, to.key, media.kind);
      // A message's own file always fits its kind: only a file gone from storage fails here,
      // refused as the Bot API refuses it (there: wrong file identifier).
      if (!copy.ok) return posted.length ? ok(posted) : refuse("file_gone");
      input.media = { ...copy.file, kind: media.kind };
    }
    const r = await to.chat.post(me, input);
    if (!r.ok) {
      if (input.media) await removeMedia(env.MEDIA, to.key, input.media);
      return posted.length ? ok(posted) : r;
    }
    posted.push(r.value);
  }
  return posted.length ? ok(posted) : refuse("message_not_found");
}
