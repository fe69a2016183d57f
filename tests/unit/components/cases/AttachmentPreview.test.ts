// @vitest-environment happy-dom
/**
 * A stored attachment is shown by what its bytes are: an HTML page that claims to be a PDF (a record
 * kept before attachments were checked, or forged) is never put in a frame or a document, only refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Attachment } from '../../../../src/domain/types'

// pdf.js cannot draw in happy-dom; the stand-in shows which bytes it was given.
vi.mock('../../../../src/components/documents/PdfPages.vue', () => ({
  default: defineComponent({
    props: {
      data: { type: Uint8Array, default: undefined },
      label: { type: String, default: '' },
      scale: { type: Number, default: 1 },
    },
    setup: (props) => () =>
      h('div', {
        class: 'pdf-stand-in',
        'data-first': props.data ? new TextDecoder().decode(props.data.slice(0, 5)) : '',
      }),
  }),
}))
const { default: AttachmentPreview } = await import('../../../../src/components/cases/AttachmentPreview.vue')

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

function stored(name: string, mime: string, bytes: Uint8Array<ArrayBuffer>): Attachment {
  const now = '2026-03-01T00:00:00.000Z'
  return {
    id: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    caseId: crypto.randomUUID(),
    kind: 'evidence',
    name,
    mime,
    size: bytes.length,
    data: new Blob([bytes], { type: mime }),
  } as Attachment
}

async function show(a: Attachment) {
  wrapper = mount(AttachmentPreview, { props: { attachment: a } })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper!.find('[data-kind]').attributes('data-kind')).toBeTruthy()
  })
  return wrapper
}

describe('AttachmentPreview', () => {
  it('refuses to show an HTML page stored as a PDF: no frame, no object, no PDF viewer', async () => {
    const w = await show(
      stored(
        '锁屏.pdf',
        'application/pdf',
        new TextEncoder().encode('<!doctype html><h1>已锁定</h1><script>x()</script>'),
      ),
    )
    expect(w.find('[role="alert"]').text()).toBe('“锁屏.pdf”的内容不是照片（JPG、PNG）或 PDF，为安全起见不予显示。')
    expect(w.findAll('iframe, object, embed, img, .pdf-stand-in')).toHaveLength(0)
  })

  it('draws a PDF with pdf.js from its bytes, never in a frame', async () => {
    const w = await show(stored('合同.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n')))
    expect(w.find('.pdf-stand-in').attributes('data-first')).toBe('%PDF-')
    expect(w.findAll('iframe, object, embed')).toHaveLength(0)
  })

  it('shows a photo as an image whose blob has the type its bytes show, not the declared one', async () => {
    const made: Blob[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (made.push(b as Blob), 'blob:test'))
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])
    const w = await show(stored('照片.jpg', 'image/jpeg', png))
    expect(w.find('img').attributes('src')).toBe('blob:test')
    expect(made.map((b) => b.type)).toEqual(['image/png'])
    create.mockRestore()
  })
})
