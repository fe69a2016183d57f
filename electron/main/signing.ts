/**
 * The committee's Ed25519 key: generated on first use, the private key kept in userData sealed under a key
 * of the vault (in the desktop app; a plain PEM with mode 0600 where no vault is given, as before), and used to sign finalised agreements (their SHA-256, computed here from the content) and transfer
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
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSignableAgreement } from '../../src/domain/agreementSigning'
import {
  foreignKeyProblem,
  LEDGER_DAMAGED_MESSAGE,
  ledgerDecision,
  ledgerHighestVersion,
  ledgerHolds,
  unledgeredProblem,
  SIGNED_OTHER_CONTENT_MESSAGE,
} from '../../src/domain/signingLedger'
import { transferSigningRefusal } from '../../src/domain/transferSignature'
import {
  SigningRefusal,
  type AgreementSigner,
  type SignResult,
  type SignTransferResult,
  type VerifyRequest,
  type VerifyResult,
} from '../../src/shared/ipc/signing'
import { signingLedgerFile } from './signingLedger'
import { boxSchema, open, seal } from './vault/kdf'

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

/** A request the committee key will not sign or vouch for: the contract's refusal (src/shared/ipc/signing.ts). */
export { SigningRefusal }

/** The sealed committee key: AES-256-GCM under the vault's signing-key wrap, PKCS#8 DER inside. */
export const SEALED_KEY_FILE = 'agreement-signing-key.sealed.json'
const SEALED_KEY_AAD = Buffer.from('mediation-room/committee-signing-key/v1')
export const SEALED_KEY_REFUSED_MESSAGE =
  '本机的委员会签章密钥无法解开（文件已损坏，或不是本机数据文件夹中的密钥），暂停签发和核验。请联系技术支持。'

function keysOf(privateKey: KeyObject): CommitteeKeys {
  const publicKey = createPublicKey(privateKey)
  const rawPublic = rawPublicKey(publicKey)
  return { privateKey, publicKey, keyId: keyIdOf(rawPublic), rawPublic }
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp`
  writeFileSync(tmp, data, { mode: 0o600 })
  renameSync(tmp, file)
  chmodSync(file, 0o600)
}

/** Reads the committee key from `dir` as a plain PEM, creating it on first use (no vault: tests, tools). */
export function loadCommitteeKeys(dir: string): CommitteeKeys {
  const file = join(dir, PRIVATE_KEY_FILE)
  let privateKey: KeyObject
  if (existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file))
  } else {
    mkdirSync(dir, { recursive: true })
    privateKey = generateKeyPairSync('ed25519').privateKey
    writeAtomically(file, privateKey.export({ format: 'pem', type: 'pkcs8' }))
  }
  chmodSync(file, 0o600)
  return keysOf(privateKey)
}

/**
 * Reads the committee key sealed under `wrapKey`, creating it sealed on first use. A plain PEM from an
 * older version is sealed and then removed (same key, same key id). A sealed file that does not open is
 * refused: a new key would orphan every signature made so far.
 */
export function loadSealedCommitteeKeys(dir: string, wrapKey: Uint8Array): CommitteeKeys {
  const sealedFile = join(dir, SEALED_KEY_FILE)
  const pemFile = join(dir, PRIVATE_KEY_FILE)
  if (existsSync(sealedFile)) {
    let der: Buffer | null
    try {
      const box = boxSchema.safeParse(JSON.parse(readFileSync(sealedFile, 'utf8')))
      der = box.success ? open(wrapKey, box.data, SEALED_KEY_AAD) : null
    } catch {
      der = null
    }
    if (!der) throw new SigningRefusal('key-refused', SEALED_KEY_REFUSED_MESSAGE)
    return keysOf(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
  }
  const privateKey = existsSync(pemFile)
    ? createPrivateKey(readFileSync(pemFile))
    : generateKeyPairSync('ed25519').privateKey
  mkdirSync(dir, { recursive: true })
  const der = privateKey.export({ format: 'der', type: 'pkcs8' })
  writeAtomically(sealedFile, JSON.stringify(seal(wrapKey, der, SEALED_KEY_AAD)))
  // only once the sealed copy is in place
  rmSync(pemFile, { force: true })
  return keysOf(privateKey)
}

/**
 * A signer whose key and signing ledger live in `userDataDir`; the key is read or created on first use.
 * It signs only a finalised agreement's content (once per case number and version, recorded in the
 * ledger) and transfer headers naming this key; it vouches only for signatures the ledger holds.
 */
export function createNodeSigner(userDataDir: string, keyWrap?: () => Promise<Uint8Array>): AgreementSigner {
  let keys: Promise<CommitteeKeys> | undefined
  const load = async (): Promise<CommitteeKeys> =>
    keyWrap ? loadSealedCommitteeKeys(userDataDir, await keyWrap()) : loadCommitteeKeys(userDataDir)
  // read once; a failure (a locked vault, a key that does not open) is tried again at the next request
  const get = (): Promise<CommitteeKeys> =>
    (keys ??= load().catch((error: unknown) => {
      keys = undefined
      throw error
    }))
  const ledger = signingLedgerFile(userDataDir)
  const signHash = (k: CommitteeKeys, hashHex: string): string =>
    sign(null, Buffer.from(hashHex, 'hex'), k.privateKey).toString('base64')
  return {
    // Synchronous from the ledger's read to its append: two requests cannot interleave between them.
    async sign(content): Promise<SignResult> {
      const k = await get()
      const read = readSignableAgreement(content)
      if (!read.ok) throw new SigningRefusal('content-not-signable', read.message)
      const state = ledger.read()
      if (!state.ok) throw new SigningRefusal('ledger-damaged', LEDGER_DAMAGED_MESSAGE)
      const { caseNo, version } = read.content
      const decision = ledgerDecision(state.entries, { caseNo, version, hash: read.hashHex })
      if (decision.kind === 'conflict')
        throw new SigningRefusal('version-holds-other-content', SIGNED_OTHER_CONTENT_MESSAGE)
      const signature = signHash(k, read.hashHex)
      if (decision.kind === 'new')
        ledger.append(
          { caseNo, version, hash: read.hashHex, signedAt: new Date().toISOString(), keyId: k.keyId },
          state.head,
        )
      return { signature, keyId: k.keyId, contentHash: read.hashHex }
    },
    async verify({ caseNo, version, hashHex, signature, keyId, finalizedAt }: VerifyRequest): Promise<VerifyResult> {
      const k = await get()
      const state = ledger.read()
      if (!state.ok) return { valid: false, problem: 'ledger-damaged' }
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
    async highestSignedVersion(caseNo: string): Promise<number> {
      const state = ledger.read()
      if (!state.ok) throw new SigningRefusal('ledger-damaged', LEDGER_DAMAGED_MESSAGE)
      return ledgerHighestVersion(state.entries, caseNo)
    },
    async publicKey() {
      const k = await get()
      return { keyId: k.keyId, publicKeyBase64: k.rawPublic.toString('base64') }
    },
    async signTransfer(headerText: string): Promise<SignTransferResult> {
      const k = await get()
      const refusal = transferSigningRefusal(headerText, {
        keyId: k.keyId,
        publicKeyBase64: k.rawPublic.toString('base64'),
      })
      if (refusal) throw new SigningRefusal('transfer-header-refused', refusal)
      return { signature: sign(null, Buffer.from(headerText, 'utf8'), k.privateKey).toString('base64'), keyId: k.keyId }
    },
  }
}
