// Contact points (issue 10 point 2; ARCHITECTURE.md 4.3): the pure decisions. Which addresses
// are acceptable on which channel (and their one normal form), what a verification code looks
// like and what it hashes to, and whether a code given now confirms the contact. The routes
// (contact-routes.ts) and D1 (contact-store.ts) carry these out.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { constantTimeEqual, sha256Hex } from "../platform/crypto.ts";
import type { ContactChannel } from "./schema.ts";

/** A code is good for ten minutes after it is sent. */
export const CODE_TTL_MS = 10 * 60 * 1000;
/** Wrong codes allowed per code; the next attempt finds it void (add the contact again for a new one). */
export const MAX_ATTEMPTS = 5;
export const CODE_DIGITS = 6;
export const EMAIL_MAX = 254;
export const ADDRESS_INPUT_MAX = 320;

export type AddressRefusal = "bad_phone" | "bad_email" | "bad_official_account";
export type CodeRefusal = "contact_not_found" | "no_code_pending" | "too_many_attempts" | "code_expired" | "bad_code";

/** Number types that cannot take an SMS. */
const NOT_TEXTABLE = new Set(["FIXED_LINE", "TOLL_FREE", "PREMIUM_RATE", "SHARED_COST", "VOICEMAIL", "UAN", "PAGER"]);
// One @, a local part of the usual characters (dots not leading, trailing or doubled), a domain
// of letter-digit-hyphen labels with a letter TLD. Deliberately narrower than RFC 5322: an
// address outside this shape is one no mail provider hands out.
const EMAIL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;
const OFFICIAL_ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;

/** The address in its one stored form (E.164 phone, e-mail with a lower-case domain, id as is), or why not. */
export function normaliseAddress(channel: ContactChannel, raw: string): { ok: true; address: string } | { ok: false; reason: AddressRefusal } {
  const text = raw.trim();
  switch (channel) {
    case "sms": {
      if (!text.startsWith("+") || text.length > 40) return { ok: false, reason: "bad_phone" };
      const phone = parsePhoneNumberFromString(text);
      if (!phone || !phone.isValid()) return { ok: false, reason: "bad_phone" };
      const type = phone.getType();
      if (type && NOT_TEXTABLE.has(type)) return { ok: false, reason: "bad_phone" };
      return { ok: true, address: phone.number };
    }
    case "email": {
      if (text.length > EMAIL_MAX || !EMAIL.test(text)) return { ok: false, reason: "bad_email" };
      const at = text.lastIndexOf("@");
      if (at > 64) return { ok: false, reason: "bad_email" }; // a local part is at most 64 characters
      return { ok: true, address: text.slice(0, at) + text.slice(at).toLowerCase() };
    }
    case "official_account":
      return OFFICIAL_ACCOUNT.test(text) ? { ok: true, address: text } : { ok: false, reason: "bad_official_account" };
  }
}

/** A uniformly drawn 6-digit code (rejection sampling, so no digit string is likelier than another). */
export function newCode(random: (buf: Uint32Array) => Uint32Array = (b) => crypto.getRandomValues(b)): string {
  const space = 10 ** CODE_DIGITS;
  const limit = Math.floor(2 ** 32 / space) * space;
  const buf = new Uint32Array(1);
  for (;;) {
    const n = random(buf)[0]!;
    if (n < limit) return String(n % space).padStart(CODE_DIGITS, "0");
  }
}

/**
 * What is stored instead of the code: bound to the user, the channel and the address, so a
 * code sent to one address never confirms another (a re-add in between voids the old code).
 */
export function codeHash(user: number, channel: ContactChannel, address: string, code: string): Promise<string> {
  return sha256Hex(`switchboard-contact-code\n${user}\n${channel}\n${address}\n${code}`);
}

/** A contact as the decision needs it; `codeExpires` in milliseconds. */
export interface PendingContact {
  verified: boolean;
  codeHash: string | null;
  codeExpires: number | null;
  attempts: number;
}

/** Why no attempt may be made on this contact now, or null when a code may be tried. */
export function attemptRefusal(c: PendingContact | null, now: number): CodeRefusal | null {
  if (!c) return "contact_not_found";
  if (c.attempts >= MAX_ATTEMPTS) return "too_many_attempts";
  if (c.codeHash === null || c.codeExpires === null) return "no_code_pending";
  if (now >= c.codeExpires) return "code_expired";
  return null;
}

/** Whether `givenHash` confirms the contact now: "ok", or the refusal. Checks come before the comparison. */
export function judgeCode(c: PendingContact | null, givenHash: string, now: number): "ok" | CodeRefusal {
  const refused = attemptRefusal(c, now);
  if (refused) return refused;
  return constantTimeEqual(c!.codeHash!, givenHash) ? "ok" : "bad_code";
}
