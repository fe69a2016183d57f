/**
 * An agreement as versions before the keyed digest pushed it to the committee's server, written out with
 * Node's own AES-GCM (not the app's sealing): every clear field of that version, the hash, signature and
 * 核验码 among them, and the figures, bound to the blob as additional data.
 */
import { createCipheriv, randomBytes } from 'node:crypto'
import type { ServerDoc } from '../../../src/db/sync/seal'
import { canonicalJson } from '../../../src/domain/canonical'
import type { Agreement } from '../../../src/domain/types'

/** written out as that version had them, not read from the app's lists */
const CLEAR_THEN = (
  'id createdAt updatedAt caseId version replacesId status copies template finalizedAt ' +
  'contentHash signature keyId verifyCode chainHead'
).split(' ')

export function legacyAgreementDoc(
  a: Agreement,
  raw: Uint8Array,
  kid: string,
  figures: { clauseCount: number; amountFen: number },
): ServerDoc {
  const clear: Record<string, unknown> = {}
  const sealed: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a)) if (v !== undefined) (CLEAR_THEN.includes(k) ? clear : sealed)[k] = v
  const head = { type: 'agreement', ...figures, ...clear }
  const _id = `agreement:${a.id}`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', raw, iv)
  cipher.setAAD(Buffer.from(canonicalJson({ format: 'mediation-room/sync-seal', v: 1, id: _id, kid, head })))
  const ct = Buffer.concat([cipher.update(canonicalJson(sealed)), cipher.final(), cipher.getAuthTag()])
  return {
    _id,
    ...head,
    type: 'agreement',
    sealed: { v: 1, alg: 'A256GCM', kid, iv: iv.toString('base64'), ct: ct.toString('base64') },
  }
}
