/**
 * What the browser's backup host reads of a snapshot before storing it (browser-backup.ts): its format and
 * manifest. Apart from the host, which the start-up check uses: zod loads with the first backup written.
 */
import { z } from 'zod'

const snapshotManifestSchema = z.looseObject({
  format: z.literal('mediation-room/transfer'),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  manifest: z.looseObject({
    counts: z.record(z.string(), z.number().int().nonnegative()),
    chainHead: z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string() }),
  }),
})

export function readManifest(text: string): z.infer<typeof snapshotManifestSchema> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    raw = undefined
  }
  const parsed = snapshotManifestSchema.safeParse(raw)
  if (!parsed.success) throw new Error('备份内容不是完整的数据库快照，未写入')
  return parsed.data
}
