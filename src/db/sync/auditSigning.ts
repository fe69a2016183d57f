/**
 * The signatures on a PC's audit chain (src/domain/peerAudit.ts says what they mean). Each chain has its own
 * ECDSA P-256 key pair, made when the chain is: the private half stays in this PC's push state (a
 * `sync.audit…` settings row: sealed at rest, never exported or backed up), the public half is published
 * with the chain's audit keys. Another PC of the committee holds the audit keys but not this key, so it
 * cannot write an entry that verifies as this PC's.
 */
import { auditSignedText, UNSIGNED, type PeerSigning, type PeerSlot } from '../../domain/peerAudit'
import { base64ToBytes, bytesToBase64 } from '../transfer/base64'

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const

export interface ChainSigner {
  /** the private key, as stored in the push state */
  privateJwk: JsonWebKey
  /** base64 SPKI, as published */
  publicKey: string
}

/** A chain's signing key as published, and the signature on its head then (auditPush.ts publishKeys). */
export interface PublishedSigning {
  publicKey: string
  head?: { seq: number; sig: string }
}

/** What the signatures of a received chain are judged on (auditStore.ts PeerChain has it). */
export interface SignedChain {
  chainId: string
  slots: readonly PeerSlot[]
  signing?: PublishedSigning
  signingKeyChanged?: true
}

/** A signed place of a chain: an entry's seq and link, and the signature on them. */
export interface SignedPlace {
  seq: number
  hash: string
  sig: string
}

export async function newChainSigner(): Promise<ChainSigner> {
  const pair = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))
  return { privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey), publicKey: bytesToBase64(spki) }
}

/** Signs the places of one chain with the chain's key (imported once for them all). */
export async function signPlaces(
  signer: ChainSigner,
  chainId: string,
  places: readonly { seq: number; hash: string }[],
): Promise<string[]> {
  const key = await crypto.subtle.importKey('jwk', signer.privateJwk, ECDSA, false, ['sign'])
  return Promise.all(
    places.map(async ({ seq, hash }) => {
      const text = new TextEncoder().encode(auditSignedText(chainId, seq, hash))
      return bytesToBase64(new Uint8Array(await crypto.subtle.sign(SIGN, key, text)))
    }),
  )
}

async function verifies(key: CryptoKey, chainId: string, place: SignedPlace): Promise<boolean> {
  try {
    const text = new TextEncoder().encode(auditSignedText(chainId, place.seq, place.hash))
    return await crypto.subtle.verify(SIGN, key, base64ToBytes(place.sig), text)
  } catch {
    return false
  }
}

/**
 * The highest seq a signature under `publicKey` vouches for, among the places given (0: none). The newest
 * are tried first: one that verifies vouches for every entry before it through the links, so a chain
 * signed to its end costs one verification.
 */
export async function signedThrough(
  publicKey: string,
  chainId: string,
  places: readonly SignedPlace[],
): Promise<number> {
  let key: CryptoKey
  try {
    key = await crypto.subtle.importKey('spki', base64ToBytes(publicKey), ECDSA, false, ['verify'])
  } catch {
    return 0
  }
  for (const place of [...places].sort((a, b) => b.seq - a.seq)) {
    if (await verifies(key, chainId, place)) return place.seq
  }
  return 0
}

/**
 * What a received chain's signatures vouch for: each entry's own and the head signed when the key was
 * published, under the first signing key received for the chain.
 */
export async function chainSigning(chain: SignedChain): Promise<PeerSigning> {
  if (!chain.signing) return UNSIGNED
  const places: SignedPlace[] = []
  const hashAt = new Map<number, string>()
  for (const { seq, entry, sig } of chain.slots) {
    if (!entry) continue
    hashAt.set(seq, entry.hash)
    if (sig) places.push({ seq, hash: entry.hash, sig })
  }
  const { head, publicKey } = chain.signing
  const headHash = head && hashAt.get(head.seq)
  if (head && headHash) places.push({ seq: head.seq, hash: headHash, sig: head.sig })
  return {
    publicKey: true,
    ...(chain.signingKeyChanged ? { keyChanged: true } : {}),
    signedThrough: await signedThrough(publicKey, chain.chainId, places),
  }
}
