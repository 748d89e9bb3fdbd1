// Where the URL points: the open chat lives in the hash (#/chat/<id>) so a reload keeps it,
// and a deep link to a bot in the query.

/** A deep link to a bot: `/?start=<botUsername>&payload=<payload>`. */
export function deepLinkFromUrl(): { username: string; payload?: string } | null {
  const q = new URLSearchParams(location.search);
  const username = q.get("start")?.trim().replace(/^@/, "");
  if (!username) return null;
  const payload = q.get("payload")?.trim();
  return payload ? { username, payload } : { username };
}

export function chatIdFromHash(): number | null {
  const m = /^#\/chat\/(-?\d+)$/.exec(location.hash);
  return m ? Number(m[1]) : null;
}
