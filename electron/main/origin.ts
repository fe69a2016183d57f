/**
 * The app's origin. IndexedDB lives under it: changing the scheme or host later would make every case
 * "disappear" (electron#37702), so these are fixed for the life of the product.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'mediation-room'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The origin of a URL as "scheme://host[:port]", or null when it has none we could trust.
 * Node's URL reports "null" as the origin of custom schemes, so app:// is handled explicitly.
 * URLs carrying credentials never have a trusted origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.username !== '' || parsed.password !== '') return null
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === '' ? null : `${APP_SCHEME}://${parsed.host}`
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  return null
}

/** True when the URL belongs exactly to one of the trusted origins. */
export function hasTrustedOrigin(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && trustedOrigins.includes(origin)
}
