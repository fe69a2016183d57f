/**
 * The bytes of the Blobs written to the store. A sealed record is encrypted while its transaction runs, where
 * a Blob cannot be read (reading one is not an IndexedDB request: the transaction would end), so every Blob
 * written is made here from bytes at hand, or read here before the transaction.
 */
const known = new WeakMap<Blob, Uint8Array>()

/** A Blob of these bytes whose content the store can seal without reading it. */
export function blobOfBytes(bytes: Uint8Array<ArrayBuffer>, type: string): Blob {
  const blob = new Blob([bytes], { type })
  known.set(blob, bytes)
  return blob
}

/** Reads a Blob (outside any transaction) so that a later write can seal it. */
export async function rememberBlobBytes(blob: Blob): Promise<void> {
  if (!known.has(blob)) known.set(blob, new Uint8Array(await blob.arrayBuffer()))
}

/** The Blob's bytes if made or read here. */
export function knownBlobBytes(blob: Blob): Uint8Array | undefined {
  return known.get(blob)
}
