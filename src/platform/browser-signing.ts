/**
 * The browser platform's agreement signer: WebCrypto Ed25519 with a non-extractable key in IndexedDB.
 * The implementation lives in src/documents/webcrypto-signer.ts so that Node tests can type-check it.
 */
export { createBrowserSigner, indexedDbKeyStore, type KeyStore } from '../documents/webcrypto-signer'
