// The PROFILE_JOBS consumer (issue 9 points 2, 4, 7): a customer's message becomes facts
// merged into each concerned workspace's profile; a deleted message's facts are withdrawn;
// acts toward staff become timeline events; private messages feed closeness. Every job is
// idempotent (merge.ts ignores a fact it holds; events collapse; interactions are keyed by
// message), so a redelivered or retried job changes nothing twice. A job that throws is
// retried by the queue, then dead-lettered (wrangler.toml).
import { sql } from "drizzle-orm";
import type { Env } from "../env.ts";
import { open, type Db } from "../platform/d1.ts";
import { parseChatKey } from "../chat/chat-ids.ts";
import type { ProfileEventType } from "../protocol/profiles.ts";
import type { ProfileExtractor } from "./extractor.ts";
import { factsFromExtraction } from "./facts.ts";
import type { EventJob, MessageJob, ProfileJob, WithdrawJob } from "./jobs.ts";
import { workspacesConcerned } from "./links.ts";
import { mergeFacts, withdraw } from "./merge.ts";
import { announce } from "./notify.ts";
import { addEvents, addInteraction, erasedAt, erasedSince, previousInteraction, update } from "./store.ts";

/** Repeats of the same event between the same two within this long are one event. */
export const COLLAPSE_MS = 10 * 60_000;
/** Images larger than this are not read (bounded work per job). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Profiles touched by a job, as "workspace/customer", to announce once per batch. */
type Touched = Set<string>;

export async function handleBatch(batch: MessageBatch<ProfileJob>, env: Env, extractor: ProfileExtractor): Promise<void> {
  const db = open(env.DB);
  const touched: Touched = new Set();
  for (const message of batch.messages) {
    try {
      await handleJob(db, env, extractor, message.body, touched);
      message.ack();
    } catch (err) {
      console.error("profile job failed", message.body.kind, err);
      message.retry();
    }
  }
  await Promise.all(
    [...touched].map((key) => {
      const [w, c] = key.split("/").map(Number);
      return announce(env, w!, c!).catch((err) => console.error("profile not announced", key, err));
    }),
  );
}

export async function handleJob(db: Db, env: Env, extractor: ProfileExtractor, job: ProfileJob, touched: Touched): Promise<void> {
  if (job.kind === "message") return onMessage(db, env, extractor, job, touched);
  if (job.kind === "withdraw") return onWithdraw(db, job, touched);
  return onEvent(db, job, touched);
}

async function onMessage(db: Db, env: Env, extractor: ProfileExtractor, job: MessageJob, touched: Touched): Promise<void> {
  const parsed = parseChatKey(job.chatKey);
  if (parsed?.type === "private") await countInteraction(db, job, parsed.members, touched);
  const concerned = await workspacesConcerned(db, job.chatKey, job.senderId);
  if (concerned.size === 0) return;
  const now = new Date(job.at);
  const sources: { text: string; facts: Awaited<ReturnType<ProfileExtractor["fromText"]>> }[] = [];
  if (job.text.trim()) sources.push({ text: job.text, facts: await extractor.fromText(job.text, now) });
  if (job.image) {
    const object = await env.MEDIA.get(job.image.key);
    if (object && object.size <= MAX_IMAGE_BYTES) {
      const reading = await extractor.fromImage({ bytes: new Uint8Array(await object.arrayBuffer()), mime: job.image.mime }, now);
      if (reading.text.trim()) sources.push(reading);
    }
  }
  const incoming = sources.flatMap((s) => factsFromExtraction(s.facts, { chatId: job.chatKey, messageId: job.messageId, text: s.text, at: job.at }));
  for (const workspace of concerned.keys()) {
    const erased = await erasedAt(db, workspace, job.senderId);
    if (erased !== null && job.at <= erased) continue;
    const changed = await update(
      db,
      workspace,
      job.senderId,
      (fields) => {
        const base = job.edited ? withdraw(fields, job.chatKey, job.messageId) : { fields, changed: false };
        const merged = mergeFacts(base.fields, incoming);
        return { fields: merged.fields, changed: base.changed || merged.changed };
      },
      Date.now(),
    );
    if (changed) touched.add(`${workspace}/${job.senderId}`);
  }
}

/** A private message between staff and a customer: counted for closeness; a customer's answer to staff is a "replied" event. */
async function countInteraction(db: Db, job: MessageJob, members: [number, number], touched: Touched): Promise<void> {
  const peer = members[0] === job.senderId ? members[1] : members[0];
  // The sender as customer of the peer's workspaces, and the peer as customer of the sender's.
  for (const [customer, staff, fromCustomer] of [[job.senderId, peer, true], [peer, job.senderId, false]] as const) {
    const workspaces = await workspacesOf(db, staff, customer);
    if (workspaces.length === 0) continue;
    if (job.edited) continue;
    const before = fromCustomer ? await previousInteraction(db, customer, staff, job.messageId) : null;
    let changed = await addInteraction(db, customer, staff, job.messageId, fromCustomer, job.at);
    if (before && !before.fromCustomer && !(await erasedSince(db, workspaces, customer, job.at))) changed = (await addEvents(db, [{ customer, staff, type: "replied", chatKey: job.chatKey, title: null, at: job.at }], COLLAPSE_MS)) > 0 || changed;
    if (changed) for (const w of workspaces) touched.add(`${w}/${customer}`);
  }
}

async function onWithdraw(db: Db, job: WithdrawJob, touched: Touched): Promise<void> {
  // Every workspace holding a profile on the sender: the message's facts may be in any of them.
  const rows = await db.all<{ workspace: number }>(sql`select workspace from customer_profiles where customer = ${job.senderId}`);
  for (const { workspace } of rows) {
    const changed = await update(db, workspace, job.senderId, (fields) => withdraw(fields, job.chatKey, job.messageId), Date.now());
    if (changed) touched.add(`${workspace}/${job.senderId}`);
  }
}

/** Workspaces where `staff` is staff and `customer` is not. */
async function workspacesOf(db: Db, staff: number, customer: number): Promise<number[]> {
  const rows = await db.all<{ workspace: number }>(
    sql`select workspace from workspace_staff where user = ${staff} and workspace not in (select workspace from workspace_staff where user = ${customer})`,
  );
  return rows.map((r) => r.workspace);
}

/** Acts that count whichever side did them (a friendship, a block); the rest are the customer's own. */
const EITHER_SIDE: ReadonlySet<ProfileEventType> = new Set(["befriended", "unfriended", "blocked", "unblocked"]);

async function onEvent(db: Db, job: EventJob, touched: Touched): Promise<void> {
  const pairs: [customer: number, staff: number][] = [];
  if (job.peer !== undefined) {
    pairs.push([job.userId, job.peer]);
    if (EITHER_SIDE.has(job.type)) pairs.push([job.peer, job.userId]);
  } else if (job.chatKey) {
    const staff = await db.all<{ user: number }>(sql`select distinct s.user as user from workspace_staff s join chat_members m on m.user_id = s.user and m.chat_key = ${job.chatKey} where s.user != ${job.userId}`);
    for (const s of staff) pairs.push([job.userId, s.user]);
  }
  for (const [customer, staff] of pairs) {
    const workspaces = await workspacesOf(db, staff, customer);
    if (workspaces.length === 0) continue;
    // A late or redelivered act from before the customer's erasure does not bring the timeline back.
    if (await erasedSince(db, workspaces, customer, job.at)) continue;
    const added = await addEvents(db, [{ customer, staff, type: job.type, chatKey: job.chatKey ?? null, title: job.title ?? null, at: job.at }], COLLAPSE_MS);
    if (added) for (const w of workspaces) touched.add(`${w}/${customer}`);
  }
}
