// A chat's messages as members write them: posting (one message or an album), editing,
// deleting, typing, and reading originals out to forward or copy. Each act is checked here
// by the pure rules (roles.ts, edits.ts, reply-rules.ts, entitlement.ts), stored in the log,
// and told to members: a new message through the outbox, a change by fan-out. ChatActor
// delegates here.
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { Member } from "../protocol/api.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Message, MessageEntity, Sender, StoredMessage } from "../protocol/messages.ts";
import { shareGroup } from "./chat-index.ts";
import { detectEntities } from "./detect-entities.ts";
import { editChanges, editProblem, type EditChange } from "./edits.ts";
import { privateRefusal } from "./entitlement.ts";
import type { Fanout } from "./fanout.ts";
import { MAX_RELAYED, relayable, type SourceChat } from "./forwarding.ts";
import type { ChatHead } from "./head.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog, NewMessage } from "./log.ts";
import { removeMedia } from "./media-store.ts";
import { messageJobs, sendJobs } from "../profiles/jobs.ts";
import { readToken } from "../notify/read-button.ts";
import { acknowledge } from "../notify/reads.ts";
import type { ChatMembers } from "./members.ts";
import type { MessageViews } from "./message-views.ts";
import { present } from "./messages.ts";
import type { Outbox } from "./outbox.ts";
import type { PinRows } from "./pins.ts";
import type { PollVotes } from "./polls.ts";
import type { ReactionRows } from "./reactions.ts";
import { checkedReply } from "./reply-rules.ts";
import { canDeleteMessage, canEditMessage } from "./roles.ts";

type Act<T> = Promise<Result<T, ChatReason>>;
type View<T> = Result<T, ChatReason>;

/** What members did to messages, kept in tables of their own: a deleted message takes its rows with it. */
export interface MessageMarks {
  votes: PollVotes;
  reactions: ReactionRows;
  pins: PinRows;
}

export class Messaging {
  constructor(
    private readonly env: Env,
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly identity: ChatIdentity,
    private readonly outbox: Outbox,
    private readonly heads: ChatHead,
    private readonly fanout: Fanout,
    private readonly views: MessageViews,
    private readonly marks: MessageMarks,
    /** Sets the actor's alarm to the outbox's due time. */
    private readonly armAlarm: () => Promise<void>,
  ) {}

  /** A member's message. A repeated `clientMsgId` answers the message it made, and stores nothing. */
  async post(from: Sender, input: NewMessage, now: number): Act<Message> {
    const sender = this.members.get(from.id);
    if (!sender) return refuse("not_member");
    if (input.clientMsgId !== undefined) {
      const seen = this.log.sentBefore(from.id, input.clientMsgId);
      if (seen) {
        const earlier = this.log.message(seen.messageId);
        return earlier ? ok(present(this.identity.idFor(from.id), earlier, from.id)) : refuse("duplicate_deleted");
      }
    }
    const checked = checkedReply(input, (id) => this.log.message(id) !== null);
    if (!checked) return refuse("reply_not_found");
    const refusal = await this.postRefusal(sender);
    if (refusal) return refuse(refusal);
    // The sender's account names them (a bot may have renamed itself): the message and the member list follow it.
    if (from.displayName && from.displayName !== sender.displayName) {
      this.members.setName(from.id, from.displayName);
      sender.displayName = from.displayName;
    }
    const id = await this.append(sender, withDetectedEntities(sender, checked), now);
    await this.repliedToNotification(from.id, checked.replyTo);
    return ok(present(this.identity.idFor(from.id), this.log.message(id)!, from.id));
  }

  /** A reply to a bot's notification (its message with a read button) is a read acknowledgement. */
  private async repliedToNotification(userId: number, replyTo: number | undefined): Promise<void> {
    if (replyTo === undefined) return;
    const m = this.log.message(replyTo);
    if (!m?.from.isBot || !m.replyMarkup || !("inline_keyboard" in m.replyMarkup)) return;
    const token = m.replyMarkup.inline_keyboard.flat().map((b) => (b.callback_data ? readToken(b.callback_data) : null)).find((t) => t !== null);
    if (token) await acknowledge(this.env, token, "reply", userId).catch((err) => console.error("read not recorded", err));
  }

  /** An album: the messages are checked before any is stored, then stored in order; they share their `mediaGroupId`. */
  async postAlbum(from: Sender, inputs: NewMessage[], now: number): Act<Message[]> {
    const sender = this.members.get(from.id);
    if (!sender) return refuse("not_member");
    const checked = inputs.map((i) => checkedReply(i, (id) => this.log.message(id) !== null));
    if (checked.some((i) => i === null)) return refuse("reply_not_found");
    const refusal = await this.postRefusal(sender);
    if (refusal) return refuse(refusal);
    const ids: number[] = [];
    for (const input of checked) ids.push(await this.append(sender, input!, now));
    return ok(ids.map((id) => present(this.identity.idFor(from.id), this.log.message(id)!, from.id)));
  }

  /** Why the chat takes no message from this member now (a private chat's blocks and friendship), or null. */
  async postRefusal(sender: Member): Promise<ChatReason | null> {
    if (this.identity.type() !== "private") return null;
    const peer = this.members.get(this.identity.idFor(sender.id));
    const facts = { blockedByPeer: this.members.blockedBot(sender.id), unfriended: this.identity.unfriended() };
    return privateRefusal(sender, peer, facts, () => shareGroup(open(this.env.DB), sender.id, peer!.id));
  }

  /** Stores a checked message and starts its fan-out; returns its id. */
  async append(sender: Sender, input: NewMessage, now: number): Promise<number> {
    // One synchronous block: the message, its idempotency key, the sender's read cursor and
    // the fan-out marker commit together, before anyone learns the id.
    const id = this.log.append(sender, input, now);
    // A poll is named by its chat and message, known only now (poll_answer names it so).
    if (input.poll) this.log.setPoll(id, { ...input.poll, id: `${this.identity.key()}/${id}` });
    this.members.countSent(sender.id, id);
    this.outbox.enqueue(id);
    await this.armAlarm(); // should this instance die mid-fan-out, the alarm finishes it (cheap: the alarm's time is remembered)
    // The sender's answer comes once the message is durable; fan-out goes on after it.
    void this.outbox.drain();
    return id;
  }

  /**
   * Changes a message's text (with its entities), its buttons (`replyMarkup: null` removes
   * them), or its media; replaced media leaves storage once the edit is stored.
   */
  async edit(actorId: number, messageId: number, change: EditChange, now: number): Act<Message> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!canEditMessage(actorId, m.from.id)) return refuse("forbidden");
    const problem = editProblem(m, change);
    if (problem) return refuse(problem);
    const next = editChanges(m, withDetectedEntities(actor, change));
    if (!next) return refuse("not_modified");
    this.log.rewrite(messageId, next.text, next, now);
    if (next.media) this.log.setMedia(messageId, next.media);
    const edited = this.log.message(messageId)!;
    if (next.media && m.media) await removeMedia(this.env.MEDIA, this.identity.key()!, m.media);
    if (this.headShows(messageId)) await this.heads.write();
    await this.fanout.send(this.members.liveIds(), (uid) => ({ type: "message_edited", chatId: this.identity.idFor(uid), message: this.views.show(uid, [edited])[0]! }));
    // Customer profiles: the message's earlier facts give way to what it says now.
    await sendJobs(this.env, messageJobs(this.identity.key()!, [edited]).map((j) => ({ ...j, edited: true }))).catch((err) => console.error("profile job not queued", err));
    return ok(this.views.show(actorId, [edited])[0]!);
  }

  /** Deletes a message: its content, what members did to it (votes, reactions, its pin), then its file. */
  async remove(actorId: number, messageId: number): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!canDeleteMessage(actorId, actor.role, m.from.id, this.identity.type() === "group", actor.isBot)) return refuse("forbidden");
    const inHead = this.headShows(messageId);
    // One synchronous block: nothing of the message outlives it.
    this.log.tombstone(messageId);
    this.marks.votes.forget(messageId);
    this.marks.reactions.forget(messageId);
    this.marks.pins.remove([messageId]);
    if (inHead) await this.heads.write();
    const unread = this.members.liveUnreadCounts();
    await this.fanout.send(this.members.liveIds(), (uid) => ({ type: "message_deleted", chatId: this.identity.idFor(uid), messageId, unread: unread.get(uid) ?? 0 }));
    if (m.media) await removeMedia(this.env.MEDIA, this.identity.key()!, m.media);
    // Customer profiles: the facts this message gave are withdrawn.
    if (!m.from.isBot) await sendJobs(this.env, [{ kind: "withdraw", chatKey: this.identity.key()!, messageId, senderId: m.from.id }]).catch((err) => console.error("profile job not queued", err));
    return ok(null);
  }

  async typing(userId: number): Act<null> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const others = this.members.liveIds().filter((id) => id !== userId);
    await this.fanout.send(others, (uid) => ({ type: "typing", chatId: this.identity.idFor(uid), userId, handle: me.handle }));
    return ok(null);
  }

  /**
   * The messages `ids` names that a member may forward or copy elsewhere, oldest first (ids
   * that name no message, or one with nothing to relay, are left out), and the chat they come from.
   */
  originals(viewerId: number, ids: number[]): View<{ messages: StoredMessage[]; source: SourceChat }> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    const messages = ids
      .slice(0, MAX_RELAYED)
      .map((id) => this.log.message(id))
      .filter((m): m is StoredMessage => m !== null && relayable(m))
      .map(({ replyToMessage: _reply, ...m }) => m);
    return ok({ messages, source: { type: this.identity.type(), title: this.identity.title() } });
  }

  /**
   * Whether the chat list's head (the latest message, as D1 keeps it) shows `messageId`: as
   * itself, as the message it replies to, or as the message its pin notice names.
   */
  private headShows(messageId: number): boolean {
    const latest = this.log.latest();
    return !!latest && (latest.id === messageId || latest.replyTo === messageId || latest.pinnedMessage?.id === messageId);
  }
}

/** A person's text carries the entities clients detect in it (a bot's carries what it sent). */
function withDetectedEntities<T extends { text?: string; entities?: MessageEntity[] }>(sender: Pick<Sender, "isBot">, input: T): T {
  if (sender.isBot || input.text === undefined || input.entities !== undefined) return input;
  const entities = detectEntities(input.text);
  return entities.length ? { ...input, entities } : input;
}
