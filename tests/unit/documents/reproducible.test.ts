/**
 * Reproducibility: with the fixed creation date, the same case gives byte-identical PDFs, also when the
 * agreement carries PNG signatures and a seal with transparency (their soft masks used to be numbered in
 * whatever order Node's thread pool finished inflating them).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { finalisedBundle, render } from './render-fixture'

const sha256 = (pdf: Uint8Array): string => createHash('sha256').update(pdf).digest('hex')

describe('reproducible PDFs', () => {
  it('renders an agreement with PNG signatures and seal to the same bytes every time', async () => {
    const bundle = await finalisedBundle()
    expect(bundle.signatures.length).toBeGreaterThanOrEqual(3)
    expect(bundle.signatures.every((s) => s.image.startsWith('data:image/png'))).toBe(true)
    const digests = new Set<string>()
    for (let i = 0; i < 6; i++) digests.add(sha256(await render('agreement', bundle)))
    // and concurrently, as a busy worker or CLI batch would
    for (const pdf of await Promise.all([1, 2, 3].map(() => render('agreement', bundle)))) digests.add(sha256(pdf))
    expect(digests.size).toBe(1)
  })
})
