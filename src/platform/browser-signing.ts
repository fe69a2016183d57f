/**
 * The browser platform's signer: WebCrypto Ed25519 with a non-extractable key in IndexedDB, and the
 * signing ledger beside it (same rules as the main process's). The implementation lives in
 * src/documents/webcrypto-signer.ts so that Node tests can type-check it.
 */
export {
  createBrowserSigner,
  indexedDbKeyStore,
  indexedDbLedgerStore,
  memoryLedgerStore,
  type KeyStore,
  type LedgerStore,
} from '../documents/webcrypto-signer'
