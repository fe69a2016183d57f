/**
 * Agreement signing for the browser platform (tests, preview; re-exported by src/platform/browser-signing.ts):
 * the same contract as the main process's Node signer, with WebCrypto Ed25519. The private key is generated
 * non-extractable on first use and kept in its own small IndexedDB database, so page script can use it
 * but never read it out. The signing ledger (src/domain/signingLedger.ts) is kept beside it in the same
 * database: the same rules as the main process's file, in the preview's own storage.
 */
import { readSignableAgreement, signingCaseNoSchema } from '../domain/agreementSigning'
import { sha256Hex } from '../domain/canonical'
import {
  foreignKeyProblem,
  LEDGER_DAMAGED_MESSAGE,
  ledgerDecision,
  ledgerHighestVersion,
  ledgerHolds,
  ledgerLine,
  unledgeredProblem,
  readLedger,
  SIGNED_OTHER_CONTENT_MESSAGE,
  type LedgerHead,
} from '../domain/signingLedger'
import { transferSigningRefusal } from '../domain/transferSignature'
import { invalidRequestMessage } from '../shared/ipc'
import {
  SigningRefusal,
  type AgreementSigner,
  type SignResult,
  type SignTransferResult,
  type VerifyRequest,
  type VerifyResult,
} from '../shared/ipc/signing'

const DB_NAME = 'mediation-room-keys'
const STORE = 'keys'
const KEY_NAME = 'agreement-signing'
const LEDGER_NAME = 'signing-ledger'

interface StoredKey {
  keyPair: CryptoKeyPair
  keyId: string
  publicKeyBase64: string
}

/** Where the key pair lives; IndexedDB by default, replaceable in tests. */
export interface KeyStore {
  get(): Promise<StoredKey | undefined>
  put(key: StoredKey): Promise<void>
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('密钥库读写失败'))
  })
}

/** The ledger's lines and head as stored. */
export interface StoredLedger {
  lines: string[]
  head?: LedgerHead
}

/** Where the signing ledger lives; beside the key by default, replaceable in tests. */
export interface LedgerStore {
  get(): Promise<StoredLedger | undefined>
  put(ledger: StoredLedger): Promise<void>
}

export function memoryLedgerStore(initial?: StoredLedger): LedgerStore & { value?: StoredLedger } {
  const store: LedgerStore & { value?: StoredLedger } = {
    ...(initial ? { value: initial } : {}),
    get: async () => (store.value ? structuredClone(store.value) : undefined),
    put: async (ledger) => void (store.value = structuredClone(ledger)),
  }
  return store
}

export function indexedDbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  return indexedDbRecord<StoredKey>(factory, KEY_NAME)
}

export function indexedDbLedgerStore(factory: IDBFactory = indexedDB): LedgerStore {
  return indexedDbRecord<StoredLedger>(factory, LEDGER_NAME)
}

function indexedDbRecord<T>(
  factory: IDBFactory,
  name: string,
): { get(): Promise<T | undefined>; put(value: T): Promise<void> } {
  const open = (): Promise<IDBDatabase> => {
    const r = factory.open(DB_NAME, 1)
    r.onupgradeneeded = () => r.result.createObjectStore(STORE)
    return request(r)
  }
  return {
    async get() {
      const db = await open()
      try {
        return (await request(db.transaction(STORE).objectStore(STORE).get(name))) as T | undefined
      } finally {
        db.close()
      }
    },
    async put(value) {
      const db = await open()
      try {
        const tx = db.transaction(STORE, 'readwrite')
        tx.objectStore(STORE).put(value, name)
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error ?? new Error('密钥保存失败'))
        })
      } finally {
        db.close()
      }
    },
  }
}

const toHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
const fromHex = (hex: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))

async function createKey(): Promise<StoredKey> {
  const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw))
  return { keyPair, keyId: toHex(digest).slice(0, 16), publicKeyBase64: toBase64(raw) }
}

/**
 * A verify or highest-version request's case number, checked as the main process's IPC checks every signing
 * request's (signingCaseNoSchema: not blank, not too long, no control or invisible character) before the
 * ledger is read; refused with the message the page gets over IPC (请求内容无效：案号不能含不可见字符). Signing
 * checks it with the content (readSignableAgreement).
 */
function checkedCaseNo(caseNo: unknown): string {
  const parsed = signingCaseNoSchema.safeParse(caseNo)
  if (!parsed.success) throw new Error(invalidRequestMessage(parsed.error))
  return parsed.data
}

export function createBrowserSigner(
  store: KeyStore = indexedDbKeyStore(),
  ledgerStore: LedgerStore = indexedDbLedgerStore(),
): AgreementSigner {
  let key: Promise<StoredKey> | undefined
  const get = (): Promise<StoredKey> =>
    (key ??= (async () => {
      const existing = await store.get()
      if (existing) return existing
      const created = await createKey()
      await store.put(created)
      return created
    })())
  const readStoredLedger = async () => {
    const stored = await ledgerStore.get()
    return readLedger(stored?.lines ?? [], stored?.head)
  }
  // one signing at a time: reading the ledger and appending to it must not interleave
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }
  return {
    sign: (content) =>
      serial(async (): Promise<SignResult> => {
        const read = readSignableAgreement(content)
        if (!read.ok) throw new SigningRefusal('content-not-signable', read.message)
        const state = await readStoredLedger()
        if (!state.ok) throw new SigningRefusal('ledger-damaged', LEDGER_DAMAGED_MESSAGE)
        const { caseNo, version } = read.content
        const decision = ledgerDecision(state.entries, { caseNo, version, hash: read.hashHex })
        if (decision.kind === 'conflict')
          throw new SigningRefusal('version-holds-other-content', SIGNED_OTHER_CONTENT_MESSAGE)
        const k = await get()
        const signature = toBase64(
          new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, k.keyPair.privateKey, fromHex(read.hashHex))),
        )
        if (decision.kind === 'new') {
          const entry = { caseNo, version, hash: read.hashHex, signedAt: new Date().toISOString(), keyId: k.keyId }
          const line = ledgerLine(entry, state.head)
          const stored = (await ledgerStore.get()) ?? { lines: [] }
          await ledgerStore.put({
            lines: [...stored.lines, line],
            head: { count: state.head.count + 1, lineHash: sha256Hex(line) },
          })
        }
        return { signature, keyId: k.keyId, contentHash: read.hashHex }
      }),
    async verify({
      caseNo: given,
      version,
      hashHex,
      signature,
      keyId,
      finalizedAt,
    }: VerifyRequest): Promise<VerifyResult> {
      const caseNo = checkedCaseNo(given)
      const state = await readStoredLedger()
      if (!state.ok) return { valid: false, problem: 'ledger-damaged' }
      const k = await get()
      if (keyId !== k.keyId) return { valid: false, problem: foreignKeyProblem(state.entries, { caseNo, version }) }
      const signed = /^[0-9a-f]{64}$/.test(hashHex) && (await verifyBytes(k, signature, fromHex(hashHex)))
      if (!signed) return { valid: false, problem: 'signature' }
      if (!ledgerHolds(state.entries, { caseNo, version, hash: hashHex, keyId }))
        return { valid: false, problem: unledgeredProblem(state.entries, { caseNo, version, finalizedAt }) }
      return { valid: true }
    },
    async highestSignedVersion(given: string): Promise<number> {
      const caseNo = checkedCaseNo(given)
      const state = await readStoredLedger()
      if (!state.ok) throw new SigningRefusal('ledger-damaged', LEDGER_DAMAGED_MESSAGE)
      return ledgerHighestVersion(state.entries, caseNo)
    },
    async publicKey() {
      const k = await get()
      return { keyId: k.keyId, publicKeyBase64: k.publicKeyBase64 }
    },
    async signTransfer(headerText: string): Promise<SignTransferResult> {
      const k = await get()
      const refusal = transferSigningRefusal(headerText, { keyId: k.keyId, publicKeyBase64: k.publicKeyBase64 })
      if (refusal) throw new SigningRefusal('transfer-header-refused', refusal)
      const bytes = new TextEncoder().encode(headerText)
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, k.keyPair.privateKey, bytes))
      return { signature: toBase64(signature), keyId: k.keyId }
    },
  }
}

async function verifyBytes(k: StoredKey, signature: string, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, k.keyPair.publicKey, fromBase64(signature), data)
  } catch {
    return false
  }
}
