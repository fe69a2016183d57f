import { describe, expect, it } from 'vitest'
import { recoveryKeyPdf } from '../../../src/documents/recoveryKeyPdf'

const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789'

describe('the 恢复密钥 print-out', () => {
  it('is a PDF with the key in two lines and a cross-reference table that points at every object', async () => {
    const text = new TextDecoder().decode(await recoveryKeyPdf(KEY, new Date(2026, 11, 3, 9, 5)))
    expect(text.startsWith('%PDF-1.4\n')).toBe(true)
    expect(text).toContain('(ABCD-EFGH-JKMN-PQRS) Tj')
    expect(text).toContain('(TVWX-YZ01-2345-6789) Tj')
    // 换电脑 in UTF-16BE: the Chinese lines are there
    expect(text).toContain('636275358111')
    const xref = Number(/startxref\n(\d+)\n/.exec(text)![1])
    expect(text.slice(xref, xref + 4)).toBe('xref')
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    expect(offsets).toHaveLength(8)
    offsets.forEach((offset, index) => expect(text.slice(offset)).toMatch(new RegExp(`^${index + 1} 0 obj\\n`)))
  })
})
