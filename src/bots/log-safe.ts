// What our logs may say about a Bot API request. The token is the bot's password and sits in
// the path (/bot<id>:<secret>/<method>, /file/bot<id>:<secret>/...), so a log line names the
// bot by id and the call by method, and never carries the URL, the path or the parameters.
// An error's own text can repeat what it was given (a library echoing a URL, a parameter
// holding the token), so it is logged only with the secret cut out.

export interface BotCallLabel {
  botId: string;
  method: string;
  secret: string | null;
}

/** Reads the bot id and method from a Bot API path; the secret is kept only to cut it out. */
export function labelBotCall(path: string): BotCallLabel {
  const m = /^\/(file\/)?bot(\d{1,15}):([^/]*)(?:\/([^/]*))?/.exec(path);
  if (!m) return { botId: "?", method: "?", secret: null };
  const method = m[1] ? "file" : /^[A-Za-z]{1,64}$/.test(m[4] ?? "") ? m[4]! : "?";
  return { botId: m[2]!, method, secret: m[3] || null };
}

/** The text with the request's secret and anything shaped like a bot token replaced. */
export function withoutTokens(text: string, secret: string | null): string {
  const cut = secret && secret.length >= 8 ? text.split(secret).join("<token>") : text;
  return cut.replace(/\b(\d{1,15}):[A-Za-z0-9_-]{20,64}/g, "$1:<token>");
}
