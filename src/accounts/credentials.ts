// Passwords and session tokens. Passwords: PBKDF2-SHA-256 with a per-user random salt;
// 100,000 iterations is the most Workers allow. Session tokens: 32 random bytes; only their
// SHA-256 is ever stored.
import { constantTimeEqual, fromBase64Url, randomBase64Url, sha256, toBase64Url } from "../platform/crypto.ts";

export const PBKDF2_ITERATIONS = 100_000;

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Returns `pbkdf2-sha256$<iterations>$<salt>$<hash>`, self-describing so the cost can rise later. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !salt || !hash) return false;
  const actual = await pbkdf2(password, fromBase64Url(salt), Number(iter));
  return constantTimeEqual(actual, fromBase64Url(hash));
}

export function newSessionToken(): string {
  return randomBase64Url(32);
}

export async function hashToken(token: string): Promise<string> {
  return toBase64Url(await sha256(token));
}

/** A stored hash in the usual shape whose password nobody knows (its bytes are random). */
const DECOY = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$q4Ttq5Hx0n3c3W6P2Yt1bQ$9Hc0Qm0hVw5sGx1pK2a8Yy7Lr3Nf6TzUe4Jd1Wb5Xq0`;

/** Spends the time a password check takes, and answers false: an unknown account costs a real check. */
export async function verifyNothing(password: string): Promise<false> {
  await verifyPassword(password, DECOY);
  return false;
}
