/**
 * How this process was started. Environment variables only count in an unpackaged (development or test)
 * run: a packaged app must not be redirectable to another page or data folder from outside.
 */
export interface Runtime {
  packaged: boolean
  /** The vite dev server the window loads in development, or null to load app://mediation-room/. */
  devServerUrl: string | null
  /** A userData folder chosen by a test run, or null for the default. */
  userDataOverride: string | null
}

type Environment = Readonly<Record<string, string | undefined>>

const LOCAL_DEV_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Accepts only an http URL on this machine: the dev server never runs anywhere else. */
export function parseDevServerUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' && LOCAL_DEV_HOSTS.has(url.hostname) ? url.href : null
  } catch {
    return null
  }
}

export function resolveRuntime(packaged: boolean, env: Environment): Runtime {
  if (packaged) return { packaged, devServerUrl: null, userDataOverride: null }
  const override = env['MEDIATION_ROOM_USER_DATA_DIR']
  return {
    packaged,
    devServerUrl: parseDevServerUrl(env['ELECTRON_RENDERER_URL']),
    userDataOverride: override !== undefined && override !== '' ? override : null,
  }
}
