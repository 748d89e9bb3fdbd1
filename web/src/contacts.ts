// Contact points in the web app (ARCHITECTURE.md 4.3): the client calls and the wording of
// the Notifications settings page. The server decides what is valid; this only guides typing.
import type { Api } from "./api.ts";

export const CONTACT_CHANNELS = ["email", "sms", "official_account"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface Contact {
  channel: ContactChannel;
  address: string;
  verified: boolean;
}

export const channelLabel: Record<ContactChannel, string> = { email: "E-mail", sms: "Phone (SMS)", official_account: "Official account" };

/** What the address field shows and which keyboard it asks for (no browser validation: the server's reasons are clearer). */
export const addressHint: Record<ContactChannel, { placeholder: string; inputMode: "email" | "tel" | "text" }> = {
  email: { placeholder: "name@example.com", inputMode: "email" },
  sms: { placeholder: "+44 7400 123456", inputMode: "tel" },
  official_account: { placeholder: "Your official-account id", inputMode: "text" },
};

/** The code as typed ("123 456", "123-456") reduced to its digits, at most six. */
export function cleanCode(typed: string): string {
  return typed.replace(/\D/g, "").slice(0, 6);
}

/** Contacts in the page's order (e-mail, phone, official account), whatever order they came in. */
export function ordered(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort((a, b) => CONTACT_CHANNELS.indexOf(a.channel) - CONTACT_CHANNELS.indexOf(b.channel));
}

/** What the page says after a code went out. */
export function codeSentTo(c: Pick<Contact, "channel" | "address">): string {
  const by = c.channel === "email" ? "by e-mail" : c.channel === "sms" ? "by SMS" : "on the official account";
  return `A 6-digit code was sent ${by} to ${c.address}. Enter it below; it expires in 10 minutes.`;
}

export class ContactsApi {
  constructor(private readonly api: Api) {}

  list() {
    return this.api.request<{ contacts: Contact[] }>("GET", "/api/v1/me/contacts");
  }
  /** Adds the contact (or replaces its address) and sends a new code to it. */
  add(channel: ContactChannel, address: string) {
    return this.api.request<{ contact: Contact }>("POST", "/api/v1/me/contacts", { channel, address });
  }
  verify(channel: ContactChannel, code: string) {
    return this.api.request<{ contact: Contact }>("POST", "/api/v1/me/contacts/verify", { channel, code });
  }
  remove(channel: ContactChannel) {
    return this.api.request<{ ok: true }>("DELETE", `/api/v1/me/contacts/${channel}`);
  }
}
