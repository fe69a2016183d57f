/**
 * The Content Security Policy of the renderer, sent as a response header by the app:// handler
 * (a <meta> tag cannot carry frame-ancestors). Naive UI injects <style> elements at run time, hence
 * 'unsafe-inline' for styles only; scripts are never inline. PDF attachments are shown in an <iframe>
 * from a blob: URL of the page's own making (CaseAttachmentsTab), hence frame-src blob:.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  'frame-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')
