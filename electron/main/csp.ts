/**
 * The Content Security Policy of the renderer, sent as a response header by the app:// handler
 * (a <meta> tag cannot carry frame-ancestors). Naive UI injects <style> elements at run time, hence
 * 'unsafe-inline' for styles only; scripts are never inline. PDF attachments are drawn by pdf.js onto a canvas
 * (AttachmentPreview), so no frame of any origin is allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')
