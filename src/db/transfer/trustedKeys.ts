/**
 * The committees' keys this PC has accepted (a settings row), and the source check an import shows:
 * the file's signature against the key remembered for its committee (or this PC's own key for its own
 * committee). A key is remembered on the first import of a file from that committee.
 */
import { transferSource, type TransferSource, type TrustedCommitteeKey } from '../../domain/transferSignature'
import type { MediationDb } from '../schema'
import { toStorageError } from '../errors'
import type { TransferFile } from './format'
import { checkTransferSignature } from './signature'

export const TRUSTED_KEYS_SETTING = 'transfer.trustedCommitteeKeys'

export async function trustedCommitteeKeys(db: MediationDb): Promise<TrustedCommitteeKey[]> {
  try {
    const value = (await db.settings.get(TRUSTED_KEYS_SETTING))?.value
    return Array.isArray(value) ? (value as TrustedCommitteeKey[]) : []
  } catch (error) {
    throw toStorageError(error)
  }
}

/** This PC's own committee and key: its own files are checked against it, never "first seen". */
export interface OwnKey {
  committeeId: string
  committeeName: string
  keyId: string
  publicKeyBase64: string
}

/** 来源已验证 / 来源未验证 for a validated file. */
export async function transferSourceOf(db: MediationDb, file: TransferFile, own?: OwnKey): Promise<TransferSource> {
  const check = await checkTransferSignature(file)
  const committeeId = file.signature?.committeeId
  const known =
    committeeId === undefined
      ? undefined
      : own && own.committeeId === committeeId
        ? { ...own, firstSeenAt: '' }
        : (await trustedCommitteeKeys(db)).find((k) => k.committeeId === committeeId)
  return transferSource(check, file.signature, known)
}

/** Remembers the key of a verified file's committee, if none was remembered for it yet. */
export async function rememberCommitteeKey(db: MediationDb, file: TransferFile, now = new Date()): Promise<void> {
  const block = file.signature
  if (!block || (await checkTransferSignature(file)) !== 'valid') return
  try {
    await db.transaction('rw', [db.settings], async () => {
      const keys = await trustedCommitteeKeys(db)
      if (keys.some((k) => k.committeeId === block.committeeId)) return
      const entry: TrustedCommitteeKey = {
        committeeId: block.committeeId,
        committeeName: block.committeeName,
        keyId: block.keyId,
        publicKeyBase64: block.publicKeyBase64,
        firstSeenAt: now.toISOString(),
      }
      await db.settings.put({ key: TRUSTED_KEYS_SETTING, value: [...keys, entry], updatedAt: now.toISOString() })
    })
  } catch (error) {
    throw toStorageError(error)
  }
}
