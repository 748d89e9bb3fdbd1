// The one interface every outside channel implements (issue 10 point 1). A send answers an
// explicit result: `sent` (the provider took it), `failed` (it did not: fall back at once),
// `uncertain` (no clear answer: a timeout, a 5xx after the body went out; treated as sent for
// fallback timing, never sent again on the same channel). In-app is not an adapter: it is a
// message from the bot in the user's chat with it (notify/in-app.ts).
import type { ContactChannel } from "../schema.ts";

export type SendResult = { status: "sent"; providerId?: string } | { status: "failed"; reason: string } | { status: "uncertain"; reason: string };

export interface OutboundMessage {
  /** The user it is for (the sandbox shows each user's messages). */
  user: number;
  /** The address on the channel: a phone (E.164), an e-mail, an official-account id. */
  to: string;
  title: string;
  text: string;
  /** A tracked link (/r/{token}) the message carries, if any. */
  link?: string;
  /** A verification code the message carries, if it is one. */
  code?: string;
}

export interface ChannelAdapter {
  readonly channel: ContactChannel;
  send(message: OutboundMessage): Promise<SendResult>;
}
