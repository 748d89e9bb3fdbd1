// What members did to a message besides writing it (poll answers, reactions, a pin), applied
// to the stored message for one viewer. Pure: the facts are read from their tables each time a
// message is shown, so what is shown is never a stale copy.
import type { StoredMessage } from "../protocol/messages.ts";
import { tallied } from "./poll-rules.ts";
import { summarize } from "./reaction-rules.ts";

export interface MessageFacts {
  /** Every voter's answer, when the message holds a poll. */
  answers: number[][];
  /** The viewer's own answer. */
  mine?: number[];
  /** Reactions, in the order they were made. */
  reactions: { userId: number; emoji: string }[];
  pinned: boolean;
}

export const noFacts: MessageFacts = { answers: [], reactions: [], pinned: false };

export function withFacts(m: StoredMessage, f: MessageFacts, viewerId: number | undefined, now: number): StoredMessage {
  const out: StoredMessage = { ...m };
  delete out.reactions;
  delete out.pinned;
  if (m.poll) out.poll = tallied(m.poll, f.answers, now, f.mine);
  const reactions = summarize(f.reactions, viewerId);
  if (reactions.length) out.reactions = reactions;
  if (f.pinned) out.pinned = true;
  return out;
}
