// Which link targets we store for others to open: a text link's URL, a button's URL, a
// callback answer's URL. Every client gets them, not only our web app, so the server refuses
// the rest rather than trusting each client to filter.
//
// Browsers remove tabs and newlines anywhere in a URL and trim spaces and control characters
// at its ends ("java\tscript:" opens as "javascript:"), so a URL holding any of them is
// refused outright; what remains must parse, and its scheme must be one of ours.

/** The schemes a link may use: the web, Telegram's tg: links, and mail. */
const allowedSchemes = new Set(["http:", "https:", "tg:", "mailto:"]);

/** Longest link we keep; Telegram allows no more than this for its own URLs. */
export const MAX_LINK_LENGTH = 2048;

export function isSafeLink(url: string): boolean {
  if (url.length === 0 || url.length > MAX_LINK_LENGTH) return false;
  // C0 controls, space, DEL, C1 controls and the Unicode whitespace a browser may strip.
  if (/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!allowedSchemes.has(parsed.protocol)) return false;
  // The scheme as written must be the scheme as parsed: no escapes or tricks between them.
  return url.slice(0, parsed.protocol.length).toLowerCase() === parsed.protocol;
}
