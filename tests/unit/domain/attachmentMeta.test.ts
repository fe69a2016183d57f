import { describe, expect, it } from 'vitest'
import { attachmentMeta, sameAttachmentMeta } from '../../../src/domain/attachmentMeta'
import type { Attachment } from '../../../src/domain/types'

/** A file's description, written out: everything but its bytes. */
const description = {
  id: 'a1',
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  caseId: 'c1',
  kind: 'evidence',
  name: '借条.jpg',
  mime: 'image/jpeg',
  size: 3,
  sha256: 'ab'.repeat(32),
} as const

const file: Attachment = { ...description, data: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }) }

describe('attachmentMeta', () => {
  it('is every field but the bytes, written out', () => {
    expect(attachmentMeta(file)).toStrictEqual(description)
  })
})

describe('sameAttachmentMeta', () => {
  const meta = attachmentMeta(file)
  const cases: [string, Partial<Attachment>, boolean][] = [
    ['the same description', {}, true],
    ['other bytes of the same description', { data: new Blob([new Uint8Array([9])]) }, true],
    ['renamed', { name: '借条（复印件）.jpg' }, false],
    ['another kind', { kind: 'other' }, false],
    ['another size', { size: 4 }, false],
    ['another digest', { sha256: 'cd'.repeat(32) }, false],
    ['described anew later', { updatedAt: '2026-12-02T02:00:00.000Z' }, false],
  ]
  it.each(cases)('%s', (_name, change, same) => {
    expect(sameAttachmentMeta(meta, attachmentMeta({ ...file, ...change }))).toBe(same)
  })

  it('whatever the order of the fields (as a server document parses)', () => {
    const reversed = Object.fromEntries(Object.entries(meta).reverse()) as typeof meta
    expect(Object.keys(reversed)).not.toEqual(Object.keys(meta))
    expect(sameAttachmentMeta(meta, reversed)).toBe(true)
  })

  it('a digest present on one side only differs', () => {
    const { sha256: _gone, ...without } = meta
    expect(sameAttachmentMeta(meta, without)).toBe(false)
  })
})
