/**
 * The committee's Ed25519 key: generated on first use, the private key kept in userData with mode
 * 0600, and used to sign the SHA-256 of a finalised agreement. A plain Node module (no Electron import)
 * so that it is tested with vitest; the IPC handler only passes `userData` in.
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
import type { AgreementSigner, SignResult, VerifyRequest } from '../../src/shared/ipc/signing'

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

function assertHash(hashHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(hashHex)) throw new Error('内容摘要必须是 64 位十六进制 SHA-256')
}

/** A signer whose key lives in `userDataDir`; the key is read or created on first use. */
export function createNodeSigner(userDataDir: string): AgreementSigner {
  let keys: CommitteeKeys | undefined
  const get = (): CommitteeKeys => (keys ??= loadCommitteeKeys(userDataDir))
  return {
    async sign(hashHex: string): Promise<SignResult> {
      assertHash(hashHex)
      const k = get()
      return { signature: sign(null, Buffer.from(hashHex, 'hex'), k.privateKey).toString('base64'), keyId: k.keyId }
    },
    async verify({ hashHex, signature, keyId }: VerifyRequest): Promise<boolean> {
      const k = get()
      // only this committee's key is known here; another office's agreement cannot be vouched for
      if (keyId !== k.keyId || !/^[0-9a-f]{64}$/.test(hashHex)) return false
      return verify(null, Buffer.from(hashHex, 'hex'), k.publicKey, Buffer.from(signature, 'base64'))
    },
    async publicKey() {
      const k = get()
      return { keyId: k.keyId, publicKeyBase64: k.rawPublic.toString('base64') }
    },
  }
}
