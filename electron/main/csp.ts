import { checkServerAddress } from '../../src/domain/syncAddress'

/**
 * The Content Security Policy of the renderer, sent as a response header by the app:// handler
 * (a <meta> tag cannot carry frame-ancestors). Naive UI injects <style> elements at run time, hence
 * 'unsafe-inline' for styles only; scripts are never inline. PDF attachments are drawn by pdf.js onto a canvas
 * (AttachmentPreview), so no frame of any origin is allowed.
 * `connect-src` opens exactly one more origin, the committee's sync server saved in 设置 → 同步, and only
 * when it passes the address rule (https, or http to this computer itself).
 */
export function contentSecurityPolicy(syncServerOrigin: string | null = null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connectableOrigin(syncServerOrigin)}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}

/** The policy without a sync server. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

/**
 * The renderer's <meta> policy (src/index.html) differs from the header in `connect-src` only. A page
 * obeys every policy it has, so a request must pass both: in the desktop app the header narrows this to
 * the one saved server; the browser build (tests, the bench), which has no header, may reach what the
 * address rule allows (https anywhere, plain http only on this computer).
 */
export const META_CONNECT_SRC = "connect-src 'self' https: http://127.0.0.1:* http://localhost:*"

/** ` https://host:port`, or nothing: an origin that is not exactly what the address rule gives opens nothing. */
function connectableOrigin(origin: string | null): string {
  if (origin === null) return ''
  const checked = checkServerAddress(origin)
  return checked.ok && checked.origin === origin ? ` ${origin}` : ''
}
