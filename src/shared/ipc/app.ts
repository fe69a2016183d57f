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
} as const
