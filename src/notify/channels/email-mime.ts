// The e-mail channel's message (issue 10 point 1), apart from the binding so it runs in Deno
// tests too. It is built with mimetext (headers encoded per RFC 2047, a
// multipart/alternative body): a text part and an HTML part, the tracked link a real link in
// the HTML. Both parts go out base64-encoded so any language's text passes 7-bit relays.
import { createMimeMessage } from "mimetext/browser";
import { bound } from "./official-account.ts";
import type { OutboundMessage } from "./types.ts";

export const EMAIL_SUBJECT_MAX = 200;
export const EMAIL_TEXT_MAX = 20_000;

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => escapes[ch]!);
}

/** Only web links become links: anything else (javascript:, data:) is left out of the HTML. */
function webLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const u = new URL(link);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export interface EmailParts {
  subject: string;
  text: string;
  html: string;
}

/** The subject and both bodies of one message (pure: no MIME yet). */
export function emailParts(m: Pick<OutboundMessage, "title" | "text" | "link" | "code">): EmailParts {
  const body = bound(m.text, EMAIL_TEXT_MAX);
  const code = m.code && !m.text.includes(m.code) ? m.code : undefined;
  const link = webLink(m.link);
  const text = [body, code ? `Code: ${code}` : "", link ?? ""].filter(Boolean).join("\n\n");
  const paragraphs = body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`);
  if (code) paragraphs.push(`<p>Code: <strong>${escapeHtml(code)}</strong></p>`);
  if (link) paragraphs.push(`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`);
  const html = `<!doctype html><html><body>${paragraphs.join("")}</body></html>`;
  return { subject: bound(m.title.replace(/[\r\n]+/g, " "), EMAIL_SUBJECT_MAX), text, html };
}

/** UTF-8 as base64 in lines of 76 characters (RFC 2045). */
export function base64Lines(s: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return (btoa(bin).match(/.{1,76}/g) ?? []).join("\r\n");
}

/** The raw MIME message. */
export function composeEmail(from: string, to: string, m: Pick<OutboundMessage, "title" | "text" | "link" | "code">): string {
  const parts = emailParts(m);
  const msg = createMimeMessage();
  msg.setSender({ name: "Switchboard", addr: from });
  msg.setRecipient(to);
  msg.setSubject(parts.subject);
  msg.addMessage({ contentType: "text/plain", encoding: "base64", data: base64Lines(parts.text) });
  msg.addMessage({ contentType: "text/html", encoding: "base64", data: base64Lines(parts.html) });
  return msg.asRaw();
}

