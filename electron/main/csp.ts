/**
 * The renderer's Content-Security-Policy. Everything the window loads comes from our own
 * app:// origin as files: no inline script or style, no eval, no remote hosts, no plugins.
 * renderer/index.html carries the same policy in a <meta> tag (a test keeps the two equal);
 * the header is what counts, the meta tag covers the page if it is ever opened another way.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every app:// response, errors included. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // A file is only ever what its extension says; never let the renderer sniff it into script.
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
