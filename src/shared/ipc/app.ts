import { z } from 'zod'

/** Facts about the running app, shown on the 关于 page and attached to backups. */
export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  electron: z.string(),
  chrome: z.string(),
  platform: z.string(),
  userDataPath: z.string(),
})

export type AppInfo = z.infer<typeof appInfoSchema>

export const appChannels = {
  'app:info': {
    verb: 'getAppInfo',
    request: z.undefined(),
    result: appInfoSchema,
  },
  'app:flushed': {
    verb: 'confirmFlushed',
    request: z.undefined(),
    result: z.null(),
  },
} as const

/**
 * Closing the window: the main process holds the close and sends APP_FLUSH_REQUEST; the page writes what
 * its autosaves still hold and answers with `app:flushed`, and the window closes (or after
 * CLOSE_FLUSH_TIMEOUT_MS, so that a page that cannot answer never keeps the window open).
 */
export const APP_FLUSH_REQUEST = 'app:flush-request'
export const CLOSE_FLUSH_TIMEOUT_MS = 3_000

export const appEvents = {
  [APP_FLUSH_REQUEST]: {
    verb: 'onFlushRequest',
    payload: z.strictObject({}),
  },
} as const
