import { z } from 'zod'
import { checkServerAddress } from '../../domain/syncAddress'
import { checkDatabaseName, SYNC_PASSWORD_MAX, SYNC_USER_MAX } from '../../domain/syncConnection'

/**
 * 设置 → 同步 on the desktop: the main process keeps the server's address, database and user in a file
 * in userData and the password sealed by the operating system's key store (safeStorage); it adds the
 * `Authorization` header itself to requests for that server's origin only. No channel answers the
 * password or the header: the page can save and forget them, never read them back.
 */
const settings = {
  url: z
    .string()
    .max(2048)
    .refine((url) => checkServerAddress(url).ok, '服务器地址无效'),
  database: z
    .string()
    .max(300)
    .refine((name) => checkDatabaseName(name).ok, '数据库名称无效'),
  user: z.string().min(1, '请填写用户名').max(SYNC_USER_MAX, '用户名过长'),
}

export const syncServerSettingsSchema = z.strictObject(settings)
export type SyncServerSettingsPayload = z.infer<typeof syncServerSettingsSchema>

export const syncSaveServerRequestSchema = z.strictObject({
  ...settings,
  password: z.string().min(1, '请填写密码').max(SYNC_PASSWORD_MAX, '密码过长'),
})

/** The database's URL, and nothing else: the credentials stay in main. */
export const syncRemoteSchema = z.strictObject({ url: z.string().max(2400) })

export const syncChannels = {
  'sync:server': { verb: 'readSyncServer', request: z.undefined(), result: syncServerSettingsSchema.nullable() },
  'sync:save-server': {
    verb: 'saveSyncServer',
    request: syncSaveServerRequestSchema,
    result: z.strictObject({ saved: z.literal(true) }),
  },
  'sync:forget-server': {
    verb: 'forgetSyncServer',
    request: z.undefined(),
    result: z.strictObject({ forgotten: z.literal(true) }),
  },
  'sync:remote': { verb: 'getSyncRemote', request: z.undefined(), result: syncRemoteSchema.nullable() },
} as const
