/**
 * The committee's Ed25519 key: generated on first use, the private key kept in userData with mode
 * 0600, and used to sign finalised agreements (their SHA-256, computed here from the content) and transfer
 * file headers. Every agreement signed is recorded in the signing ledger (signingLedger.ts). A plain
 * Node module (no Electron import) so that it is tested with vitest; the IPC handler passes `userData` in.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSignableAgreement } from '../../src/domain/agreementSigning'
import {
  foreignKeyProblem,
  LEDGER_DAMAGED_MESSAGE,
  ledgerDecision,
  ledgerHolds,
  unledgeredProblem,
  SIGNED_OTHER_CONTENT_MESSAGE,
} from '../../src/domain/signingLedger'
import { transferSigningRefusal } from '../../src/domain/transferSignature'
import type {
  AgreementSigner,
  SignResult,
  SignTransferResult,
  VerifyRequest,
  VerifyResult,
} from '../../src/shared/ipc/signing'
import { signingLedgerFile } from './signingLedger'

export const PRIVATE_KEY_FILE = 'agreement-signing-key.pem'

/** The committee's key pair (also signs transfer files). */
export interface CommitteeKeys {
  privateKey: KeyObject
  publicKey: KeyObject
  keyId: string
  rawPublic: Buffer
}

/** The 32 raw bytes of an Ed25519 public key (the tail of its SPKI DER encoding). */
function rawPublicKey(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
}

/** keyId = first 16 hex digits of SHA-256 of the raw public key. */
export function keyIdOf(rawPublic: Uint8Array): string {
  return createHash('sha256').update(rawPublic).digest('hex').slice(0, 16)
}

/** Reads the committee key from `dir`, creating it on first use. */
export function loadCommitteeKeys(dir: string): CommitteeKeys {
  const file = join(dir, PRIVATE_KEY_FILE)
  let privateKey: KeyObject
  if (existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file))
  } else {
    mkdirSync(dir, { recursive: true })
    privateKey = generateKeyPairSync('ed25519').privateKey
    const tmp = `${file}.tmp`
    writeFileSync(tmp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 })
    renameSync(tmp, file)
  }
  chmodSync(file, 0o600)
  const publicKey = createPublicKey(privateKey)
  const rawPublic = rawPublicKey(publicKey)
  return { privateKey, publicKey, keyId: keyIdOf(rawPublic), rawPublic }
}

/** A request the committee key will not sign or vouch for; its message is for the page (Chinese). */
export class SigningRefusal extends Error {
  override name = 'SigningRefusal'
}

/**
 * A signer whose key and signing ledger live in `userDataDir`; the key is read or created on first use.
 * It signs only a finalised agreement's content (once per case number and version, recorded in the
 * ledger) and transfer headers naming this key; it vouches only for signatures the ledger holds.
 */
export function createNodeSigner(userDataDir: string): AgreementSigner {
  let keys: CommitteeKeys | undefined
  const get = (): CommitteeKeys => (keys ??= loadCommitteeKeys(userDataDir))
  const ledger = signingLedgerFile(userDataDir)
  const signHash = (k: CommitteeKeys, hashHex: string): string =>
    sign(null, Buffer.from(hashHex, 'hex'), k.privateKey).toString('base64')
  return {
    // Synchronous from start to end: two requests cannot interleave between reading and appending.
    async sign(content): Promise<SignResult> {
      const read = readSignableAgreement(content)
      if (!read.ok) throw new SigningRefusal(read.message)
      const state = ledger.read()
      if (!state.ok) throw new SigningRefusal(LEDGER_DAMAGED_MESSAGE)
      const { caseNo, version } = read.content
      const decision = ledgerDecision(state.entries, { caseNo, version, hash: read.hashHex })
      if (decision.kind === 'conflict') throw new SigningRefusal(SIGNED_OTHER_CONTENT_MESSAGE)
      const k = get()
      const signature = signHash(k, read.hashHex)
      if (decision.kind === 'new')
        ledger.append(
          { caseNo, version, hash: read.hashHex, signedAt: new Date().toISOString(), keyId: k.keyId },
          state.head,
        )
      return { signature, keyId: k.keyId, contentHash: read.hashHex }
    },
    async verify({ caseNo, version, hashHex, signature, keyId, finalizedAt }: VerifyRequest): Promise<VerifyResult> {
      const state = ledger.read()
      if (!state.ok) return { valid: false, problem: 'ledger-damaged' }
      const k = get()
      // only this PC's key is known here: another PC's or another office's agreement cannot be vouched for
      if (keyId !== k.keyId) return { valid: false, problem: foreignKeyProblem(state.entries, { caseNo, version }) }
      const signed =
        /^[0-9a-f]{64}$/.test(hashHex) &&
        verify(null, Buffer.from(hashHex, 'hex'), k.publicKey, Buffer.from(signature, 'base64'))
      if (!signed) return { valid: false, problem: 'signature' }
      if (!ledgerHolds(state.entries, { caseNo, version, hash: hashHex, keyId }))
        return { valid: false, problem: unledgeredProblem(state.entries, { caseNo, version, finalizedAt }) }
      return { valid: true }
    },
    async publicKey() {
      const k = get()
      return { keyId: k.keyId, publicKeyBase64: k.rawPublic.toString('base64') }
    },
    async signTransfer(headerText: string): Promise<SignTransferResult> {
      const k = get()
      const refusal = transferSigningRefusal(headerText, {
        keyId: k.keyId,
        publicKeyBase64: k.rawPublic.toString('base64'),
      })
      if (refusal) throw new SigningRefusal(refusal)
      return { signature: sign(null, Buffer.from(headerText, 'utf8'), k.privateKey).toString('base64'), keyId: k.keyId }
    },
  }
}
