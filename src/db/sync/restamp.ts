/**
 * Before a push: edits made here while this PC's clock ran ahead carry stamps the server refuses
 * (src/domain/syncServer.ts). Once the clock is right again they are stamped now, written here first (so
 * the copy here and the one sent stay equal), and go up; while the clock is still ahead nothing is changed,
 * the server keeps refusing and the status line asks for the clock to be put right.
 */
import { restampedFromFuture } from '../../domain/laterChange'

export async function restampFutureEdits<L extends { record?: { updatedAt: string } }>(
  batch: readonly L[],
  store: (restamped: L[]) => Promise<void>,
  now = new Date(),
): Promise<L[]> {
  const fixed = batch.map((l) => {
    // a removal carries no stamp of its own
    const record = l.record && restampedFromFuture(l.record, now)
    return record ? { ...l, record } : l
  })
  const changed = fixed.filter((l, i) => l !== batch[i])
  if (changed.length) await store(changed)
  return fixed
}
