// Telegram's login for websites, as a login_url button does it: the user, having confirmed,
// is sent to the button's URL with their id, first_name, username and auth_date and a hash:
// the hex HMAC-SHA256 of the data-check-string (every field but hash, sorted by name, as
// "name=value" lines joined by "\n"), keyed by SHA-256 of the bot's token. The bot checks the
// hash with its token, so it knows the platform vouches for who arrived.
//
// The platform keeps SHA-256 of the whole token (a secret derivative, like the secret's own
// hash, and never logged) as the key: it is stored when the token is issued or first used.
import { fromBase64Url, hmacSha256Hex, sha256, toBase64Url } from "../platform/crypto.ts";

export interface LoginUser {
  id: number;
  firstName: string;
  username?: string;
}

/** The fields sent to the site, before the hash. */
export function loginFields(user: LoginUser, authDate: number): Record<string, string> {
  const fields: Record<string, string> = { id: String(user.id), first_name: user.firstName, auth_date: String(authDate) };
  if (user.username) fields.username = user.username;
  return fields;
}

export function dataCheckString(fields: Record<string, string>): string {
  return Object.keys(fields)
    .filter((k) => k !== "hash")
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("\n");
}

/** The key a bot's logins are signed with: SHA-256 of its whole token, as base64url. */
export async function loginKeyOf(token: string): Promise<string> {
  return toBase64Url(await sha256(token));
}

export async function loginHash(fields: Record<string, string>, loginKey: string): Promise<string> {
  return hmacSha256Hex(fromBase64Url(loginKey), dataCheckString(fields));
}

/** The button's URL with the signed fields added to its query (what was there stays). */
export async function signedLoginUrl(url: string, user: LoginUser, authDate: number, loginKey: string): Promise<string> {
  const fields = loginFields(user, authDate);
  const hash = await loginHash(fields, loginKey);
  const target = new URL(url);
  for (const [k, v] of Object.entries({ ...fields, hash })) target.searchParams.set(k, v);
  return target.href;
}

/** What a bot does with the fields it received (here for tests, and as the README's example). */
export async function verifyLogin(params: Record<string, string>, token: string): Promise<boolean> {
  const { hash, ...fields } = params;
  return hash !== undefined && hash === (await loginHash(fields, await loginKeyOf(token)));
}
