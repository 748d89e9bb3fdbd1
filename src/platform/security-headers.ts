// The security headers on everything we serve. Two policies: the web app's page, which runs
// our own script and style files and nothing inline, and everything else (JSON, file
// downloads), which is data and never a document: a file someone uploaded as HTML, opened
// directly, gets no script, no styles, no frames and an opaque origin (sandbox).
//
// Static assets the platform serves itself (/, /assets/*) get the same headers from
// web/public/_headers (a Deno test keeps the two in step); every response that passes
// through the Worker, including its hand-off to the ASSETS binding for the single-page
// fallback, gets them from the middleware in app.ts, so no path depends on the other.
//
// connect-src 'self' covers the app's WebSocket: CSP 3 matches ws: and wss: on our own
// host and port to 'self', and a static header file cannot name the host anyway.

export const appPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'", // Preact sets style properties through the CSSOM, which CSP does not govern
  "img-src 'self' blob:", // media is fetched with the session's header and shown from object URLs
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const dataPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The headers for a response of this content type. */
export function securityHeaders(contentType: string | null): Record<string, string> {
  const html = (contentType ?? "").toLowerCase().startsWith("text/html");
  return {
    "Content-Security-Policy": html ? appPolicy : dataPolicy,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Nothing in our URLs is for other sites to see (the stream's URL carries a session token).
    "Referrer-Policy": "no-referrer",
  };
}

/**
 * Cache-Control for a file only its reader may see (chat media, bot avatars, Bot API files).
 * no-store rather than no-cache with Vary: Authorization: a stored copy outlives the session
 * (a logged-out browser still holds it on disk), Bot API files are authorised by the token in
 * their URL rather than by a header Vary could name, and the web app keeps the files it shows
 * in memory as object URLs, so the HTTP cache saves it nothing.
 */
export const privateFileCaching = "private, no-store";
