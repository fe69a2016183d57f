/**
 * The signatures on an audit chain (src/db/sync/auditSigning.ts): what a signature vouches for, checked
 * against WebCrypto itself, and what it must not be taken for.
 */
import { describe, expect, it } from 'vitest'
import { newChainSigner, signedThrough, signPlaces } from '../../../src/db/sync/auditSigning'

const CHAIN = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'
const places = [1, 2, 3, 4].map((seq) => ({ seq, hash: String(seq).repeat(64) }))

describe('audit chain signatures', () => {
  it('a signature made by the chain’s key verifies with WebCrypto’s ECDSA P-256 over the bound text', async () => {
    const signer = await newChainSigner()
    const [sig] = await signPlaces(signer, CHAIN, [places[0]!])
    const key = await crypto.subtle.importKey(
      'spki',
      Uint8Array.from(atob(signer.publicKey), (c) => c.charCodeAt(0)),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    )
    const text = new TextEncoder().encode(`mediation-room/audit-signature\n${CHAIN}\n1\n${'1'.repeat(64)}`)
    const raw = Uint8Array.from(atob(sig!), (c) => c.charCodeAt(0))
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, text)).toBe(true)
    expect(signer.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256' })
  })

  it('vouches through the newest place whose signature verifies', async () => {
    const signer = await newChainSigner()
    const sigs = await signPlaces(signer, CHAIN, places)
    const signed = places.map((p, i) => ({ ...p, sig: sigs[i]! }))
    expect(await signedThrough(signer.publicKey, CHAIN, signed)).toBe(4)
    // the newest with another key's signature, the one before with no valid one: vouched through 2
    const [foreign] = await signPlaces(await newChainSigner(), CHAIN, [places[3]!])
    const forged = [signed[0]!, signed[1]!, { ...signed[2]!, sig: 'AAAA' }, { ...signed[3]!, sig: foreign! }]
    expect(await signedThrough(signer.publicKey, CHAIN, forged)).toBe(2)
  })

  it('a signature moved to another place, link or chain vouches for nothing', async () => {
    const signer = await newChainSigner()
    const [sig] = await signPlaces(signer, CHAIN, [places[1]!])
    const moved = [
      { seq: 3, hash: places[1]!.hash, sig: sig! },
      { seq: 2, hash: places[2]!.hash, sig: sig! },
    ]
    expect(await signedThrough(signer.publicKey, CHAIN, moved)).toBe(0)
    expect(await signedThrough(signer.publicKey, 'another-chain', [{ ...places[1]!, sig: sig! }])).toBe(0)
    expect(await signedThrough(signer.publicKey, CHAIN, [{ ...places[1]!, sig: sig! }])).toBe(2)
  })

  it('a published key that is not a key, or no places, vouch for nothing', async () => {
    const signer = await newChainSigner()
    const [sig] = await signPlaces(signer, CHAIN, [places[0]!])
    expect(await signedThrough('bm90IGEga2V5', CHAIN, [{ ...places[0]!, sig: sig! }])).toBe(0)
    expect(await signedThrough(signer.publicKey, CHAIN, [])).toBe(0)
  })
})
