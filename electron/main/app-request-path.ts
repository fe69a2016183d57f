import { isAbsolute, join, relative } from 'node:path'
import { APP_HOST, APP_SCHEME } from './origin'

export type AppRequestPath = { ok: true; filePath: string } | { ok: false }

const INDEX_FILE = 'index.html'

/**
 * Characters a segment of a served path may not contain once decoded: separators (an encoded %2f or %5c
 * would smuggle one in), '%' (double encoding), ':' (drive letters, streams) and control characters.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_SEGMENT = /[/\\%:\u0000-\u001f\u007f]/

/** Windows device names open a device, not a file, whatever the folder or extension. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** The path part of the URL exactly as written, before the URL parser resolves '.' and '..'. */
function rawPathOf(requestUrl: string): string {
  const match = /^[a-z][a-z\d+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(requestUrl)
  return match?.[1] ?? ''
}

/** A dot segment as written ('..', '%2e%2e', '.%2E'…): refused rather than silently resolved. */
function hasDotSegment(rawPath: string): boolean {
  return rawPath.split(/[/\\]/).some((segment) => {
    const decoded = decodeSegment(segment)
    return decoded === '.' || decoded === '..'
  })
}

/**
 * Maps an app://mediation-room/… URL to a file inside rootDir, or refuses. Pure: no file system access.
 * Refused: other schemes or hosts, credentials or ports, '.'/'..' segments (also when percent-encoded),
 * encoded separators, double encoding, backslashes, NUL and other control characters, Windows device names.
 * A path without a file extension is a client-side route and is answered with index.html.
 */
export function resolveAppRequestPath(requestUrl: string, rootDir: string): AppRequestPath {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { ok: false }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false }
  if (url.username !== '' || url.password !== '') return { ok: false }
  if (hasDotSegment(rawPathOf(requestUrl))) return { ok: false }

  const rawSegments = url.pathname.split('/').filter((segment) => segment !== '')
  const segments: string[] = []
  for (const raw of rawSegments) {
    const segment = decodeSegment(raw)
    if (
      segment === null ||
      segment === '.' ||
      segment === '..' ||
      FORBIDDEN_IN_SEGMENT.test(segment) ||
      WINDOWS_DEVICE_NAME.test(segment)
    ) {
      return { ok: false }
    }
    segments.push(segment)
  }

  const last = segments.at(-1)
  const isRoute = last === undefined || !last.includes('.')
  const filePath = isRoute ? join(rootDir, INDEX_FILE) : join(rootDir, ...segments)

  // Belt and braces: whatever the checks above missed, never leave rootDir.
  const fromRoot = relative(rootDir, filePath)
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return { ok: false }
  return { ok: true, filePath }
}
