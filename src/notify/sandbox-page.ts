// The sandbox's outbox as the local /sandbox page and its JSON (issue 10 point 1): the
// query's validation and the page's HTML, pure so Deno tests cover them. The page is plain
// server-rendered HTML, everything escaped, no script (the platform's policy forbids inline
// script and style anyway); it refreshes itself every few seconds.
import { z } from "zod";
import { CONTACT_CHANNELS, type ContactChannel } from "./schema.ts";
import { parse, positiveId } from "../platform/validate.ts";

export const OUTBOX_LIMIT = 200;
export const PAGE_REFRESH_S = 3;

export interface OutboxItem {
  id: number;
  channel: ContactChannel;
  to: string;
  /** The user it was for, when known (null: a code for a contact before it had a user). */
  user: number | null;
  text: string;
  link?: string;
  code?: string;
  /** Milliseconds since the epoch. */
  at: number;
}

const querySchema = z.object({
  channel: z.enum(CONTACT_CHANNELS).optional(),
  userId: positiveId.optional(),
});

/** `?channel=&userId=`: both optional; an empty value is as if it were absent. Throws 400. */
export function parseOutboxQuery(query: Record<string, string>): { channel?: ContactChannel; userId?: number } {
  const present = Object.fromEntries(Object.entries(query).filter(([k, v]) => (k === "channel" || k === "userId") && v !== ""));
  return parse(querySchema, present);
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => escapes[ch]!);
}

function isWebLink(link: string): boolean {
  try {
    const u = new URL(link);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

const channelNames: Record<ContactChannel, string> = { sms: "SMS", email: "E-mail", official_account: "Official account" };

function itemHtml(i: OutboxItem): string {
  const link = i.link ? (isWebLink(i.link) ? `<a href="${escapeHtml(i.link)}">${escapeHtml(i.link)}</a>` : escapeHtml(i.link)) : "";
  const text = escapeHtml(i.text).replaceAll("\n", "<br>");
  return [
    `<li data-channel="${i.channel}">`,
    `<p><b>${channelNames[i.channel]}</b> to <code>${escapeHtml(i.to)}</code> <small>${new Date(i.at).toISOString()}</small></p>`,
    `<p>${text}</p>`,
    i.code ? `<p>Code: <strong class="code">${escapeHtml(i.code)}</strong></p>` : "",
    link ? `<p>Link: ${link}</p>` : "",
    "</li>",
  ].join("");
}

/** Groups the items (newest first) by user, each group in the order of its newest item. */
export function groupByUser(items: readonly OutboxItem[]): { user: number | null; items: OutboxItem[] }[] {
  const groups = new Map<number | null, OutboxItem[]>();
  for (const i of items) {
    const g = groups.get(i.user);
    if (g) g.push(i);
    else groups.set(i.user, [i]);
  }
  return [...groups].map(([user, items]) => ({ user, items }));
}

/** The whole page. `names` gives each user's handle and display name where known. */
export function renderSandboxPage(items: readonly OutboxItem[], names: ReadonlyMap<number, { handle: string; displayName: string }>): string {
  const sections = groupByUser(items).map(({ user, items }) => {
    const who = user === null ? "No user" : names.has(user) ? `${names.get(user)!.displayName} (@${names.get(user)!.handle}, user ${user})` : `User ${user}`;
    return `<section><h2>${escapeHtml(who)}</h2><ul>${items.map(itemHtml).join("")}</ul></section>`;
  });
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${PAGE_REFRESH_S}">`,
    "<title>Switchboard sandbox</title></head><body>",
    "<h1>Sandbox outbox</h1>",
    `<p>What the local sandbox provider "sent" by SMS, e-mail and official account, newest first (at most ${OUTBOX_LIMIT}). Nothing left this machine. The page refreshes every ${PAGE_REFRESH_S} seconds.</p>`,
    sections.length ? sections.join("") : "<p>Nothing sent yet.</p>",
    "</body></html>",
  ].join("\n");
}
