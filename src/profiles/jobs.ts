// The profile pipeline's jobs, as they travel on the PROFILE_JOBS queue (issue 9 point 2).
// Chats and accounts only say what happened; the consumer (consumer.ts) decides whether it
// concerns any workspace (a customer writing to staff, staff writing to a customer) and
// what to store. Every job is safe to run twice.
import type { Env } from "../env.ts";
import type { StoredMessage } from "../protocol/messages.ts";
import type { ProfileEventType } from "../protocol/profiles.ts";

/** A person's message: facts to extract (text, or a photo's printed text) and an interaction to count. */
export interface MessageJob {
  kind: "message";
  chatKey: string;
  messageId: number;
  senderId: number;
  /** Milliseconds. */
  at: number;
  text: string;
  /** A photo or image document's R2 key, for OCR / vision. */
  image?: { key: string; mime: string };
  replyTo?: number;
  /** An edit: the message's earlier facts go first. */
  edited?: boolean;
}

/** A deleted message: its facts are withdrawn. */
export interface WithdrawJob {
  kind: "withdraw";
  chatKey: string;
  messageId: number;
  senderId: number;
}

/**
 * Something a user did toward another (`peer`) or in a group: recorded on the timeline when
 * one side is a workspace's customer and the other its staff. In a group (`chatKey` g:...)
 * without `peer`, every staff member of the group is the other side.
 */
export interface EventJob {
  kind: "event";
  type: ProfileEventType;
  userId: number;
  peer?: number;
  chatKey?: string;
  title?: string;
  at: number;
}

export type ProfileJob = MessageJob | WithdrawJob | EventJob;

/** Images the consumer reads (OCR or vision); other media carry only their caption. */
const READABLE = /^image\/(jpeg|png|webp)$/;

/**
 * The jobs for a batch of a chat's new messages: people's messages with text or a readable
 * image. A forwarded message is someone else's words (or card), an inline result sent via a
 * bot is the bot's: neither says anything of the person who sent it.
 */
export function messageJobs(chatKey: string, batch: StoredMessage[]): MessageJob[] {
  const jobs: MessageJob[] = [];
  for (const m of batch) {
    if (m.from.isBot || m.pinnedMessage || m.poll || m.forwardOrigin || m.viaBot) continue;
    const image = m.media && READABLE.test(m.media.mime) && (m.media.kind === "image" || m.media.kind === "file") ? { key: `${chatKey}/${m.media.fileId}`, mime: m.media.mime } : undefined;
    if (m.text.trim() === "" && !image) continue;
    const job: MessageJob = { kind: "message", chatKey, messageId: m.id, senderId: m.from.id, at: m.date * 1000, text: m.text };
    if (image) job.image = image;
    if (m.replyTo !== undefined) job.replyTo = m.replyTo;
    jobs.push(job);
  }
  return jobs;
}

/** A Queue takes at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

/**
 * Puts jobs on the queue. Where the platform runs without the queue bound, nothing is sent.
 * A failure is thrown: callers that must not lose the job (the chat's outbox) retry.
 */
export async function sendJobs(env: Env, jobs: ProfileJob[]): Promise<void> {
  if (!env.PROFILE_JOBS || jobs.length === 0) return;
  for (let i = 0; i < jobs.length; i += SEND_BATCH) {
    await env.PROFILE_JOBS.sendBatch(jobs.slice(i, i + SEND_BATCH).map((body) => ({ body, contentType: "json" as const })));
  }
}

type NewEvent = Omit<EventJob, "kind" | "at"> & { at?: number };

/**
 * Timeline acts (a read, a friendship, joining a group), one batch per call. The act itself
 * is done and stays done: a queue that refuses the job is logged, not passed to the user.
 */
export function recordEvents(env: Env, events: NewEvent[]): Promise<void> {
  // Whole seconds, as messages are dated: a timeline mixing both orders by time, then by arrival.
  const at = Math.floor(Date.now() / 1000) * 1000;
  return sendJobs(env, events.map((e) => ({ kind: "event", at, ...e }))).catch((err) => console.error("profile events not queued", events[0]?.type, err));
}

export function recordEvent(env: Env, event: NewEvent): Promise<void> {
  return recordEvents(env, [event]);
}
