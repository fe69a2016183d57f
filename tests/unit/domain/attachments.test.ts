import { describe, expect, it } from 'vitest'
import {
  ATTACHMENT_ACCEPT,
  attachmentProblem,
  receivedAttachmentProblem,
  receivedAttachmentTooLarge,
  savedAttachmentName,
  sniffAttachmentType,
} from '../../../src/domain/attachments'

const MB = 1024 * 1024
const bytes = (...b: number[]) => new Uint8Array(b)
const text = (s: string) => new TextEncoder().encode(s)
const PDF = text('%PDF-1.7\n')
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)

describe('sniffAttachmentType', () => {
  const table: [string, Uint8Array, string | undefined][] = [
    ['a PDF', PDF, 'application/pdf'],
    ['a JPEG (JFIF)', JPEG, 'image/jpeg'],
    ['a JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    ['a PNG', PNG, 'image/png'],
    ['an HTML page named .pdf', text('<!doctype html><script>alert(1)</script>'), undefined],
    ['HTML that mentions %PDF- later', text('<html>%PDF-1.4</html>'), undefined],
    ['an SVG', text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), undefined],
    ['a GIF', text('GIF89a'), undefined],
    ['a WebP', text('RIFF\u0000\u0000\u0000\u0000WEBP'), undefined],
    ['an empty file', bytes(), undefined],
    ['a PDF header cut short', text('%PDF'), undefined],
    ['a PNG header cut short', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), undefined],
    ['a JPEG header cut short', bytes(0xff, 0xd8), undefined],
    ['lower-case %pdf-', text('%pdf-1.4'), undefined],
    ['a PDF after a leading space', text(' %PDF-1.4'), undefined],
  ]
  it.each(table)('%s', (_name, input, expected) => {
    expect(sniffAttachmentType(input)).toBe(expected)
  })
})

describe('attachmentProblem', () => {
  const unsupported = (name: string) => `“${name}”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。`
  const notAFile = (name: string) => `“${name}”的内容不是照片（JPG、PNG）或 PDF，可能是改了扩展名的其他文件，不能添加。`
  const table: [string, { name: string; type: string; size: number }, Uint8Array, string | undefined][] = [
    ['a photo', { name: '欠条.jpg', type: 'image/jpeg', size: 300_000 }, JPEG, undefined],
    ['a PNG', { name: 'a.png', type: 'image/png', size: 1 }, PNG, undefined],
    ['a PDF of exactly 20 MB', { name: '扫描.pdf', type: 'application/pdf', size: 20 * MB }, PDF, undefined],
    ['an empty file', { name: '空.pdf', type: 'application/pdf', size: 0 }, bytes(), '“空.pdf”是空文件'],
    [
      'one byte over 20 MB',
      { name: '大.pdf', type: 'application/pdf', size: 20 * MB + 1 },
      PDF,
      '“大.pdf”有 20.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。',
    ],
    [
      '21 MB',
      { name: 'big.jpg', type: 'image/jpeg', size: 21 * MB },
      JPEG,
      '“big.jpg”有 21.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。',
    ],
    [
      '37 MB',
      { name: '录像.pdf', type: 'application/pdf', size: 37 * MB },
      PDF,
      '“录像.pdf”有 37.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。',
    ],
    ['a program', { name: 'a.exe', type: 'application/x-msdownload', size: 10 }, text('MZ'), unsupported('a.exe')],
    ['a video', { name: 'v.mp4', type: 'video/mp4', size: 10 }, bytes(0, 0, 0, 0x18), unsupported('v.mp4')],
    ['no type', { name: 'x', type: '', size: 10 }, PDF, unsupported('x')],
    [
      'a WebP (no longer accepted)',
      { name: 'a.webp', type: 'image/webp', size: 12 },
      text('RIFF0000WEBP'),
      unsupported('a.webp'),
    ],
    ['a GIF (no longer accepted)', { name: 'a.gif', type: 'image/gif', size: 6 }, text('GIF89a'), unsupported('a.gif')],
    [
      'an SVG declared as an image',
      { name: 'a.svg', type: 'image/svg+xml', size: 20 },
      text('<svg/>'),
      unsupported('a.svg'),
    ],
    [
      'an HTML page named .pdf',
      { name: '锁屏.pdf', type: 'application/pdf', size: 40 },
      text('<!doctype html><h1>已锁定</h1>'),
      notAFile('锁屏.pdf'),
    ],
    ['an SVG named .png', { name: '图.png', type: 'image/png', size: 20 }, text('<svg/>'), notAFile('图.png')],
    ['a truncated PDF header', { name: '半.pdf', type: 'application/pdf', size: 4 }, text('%PDF'), notAFile('半.pdf')],
    [
      'a PNG named .jpg',
      { name: '照片.jpg', type: 'image/jpeg', size: 10 },
      PNG,
      '“照片.jpg”的内容是PNG 图片，与文件类型不符，不能添加。请改正扩展名后再试。',
    ],
    [
      'a PDF named .png',
      { name: '扫描.png', type: 'image/png', size: 10 },
      PDF,
      '“扫描.png”的内容是PDF，与文件类型不符，不能添加。请改正扩展名后再试。',
    ],
    [
      'a JPEG named .pdf',
      { name: '合同.pdf', type: 'application/pdf', size: 10 },
      JPEG,
      '“合同.pdf”的内容是JPG 照片，与文件类型不符，不能添加。请改正扩展名后再试。',
    ],
  ]
  it.each(table)('%s', (_name, file, content, expected) => {
    expect(attachmentProblem(file, content)).toBe(expected)
  })

  it('the file picker offers the same kinds', () => {
    expect(ATTACHMENT_ACCEPT).toBe('image/jpeg,image/png,application/pdf')
  })
})

describe('savedAttachmentName', () => {
  it.each([
    ['借条.pdf', 'application/pdf', '借条.pdf'],
    ['借条.PDF', 'application/pdf', '借条.PDF'],
    ['现场.jpeg', 'image/jpeg', '现场.jpeg'],
    ['现场.JPG', 'image/jpeg', '现场.JPG'],
    ['现场照片', 'image/png', '现场照片.png'],
    // the name says PDF, the bytes say JPEG: the saved name follows the bytes
    ['合同.pdf', 'image/jpeg', '合同.pdf.jpg'],
    ['a/b:c.png', 'image/png', 'a_b_c.png'],
    ['CON', 'application/pdf', '_CON.pdf'],
    ['协议\u200B书', 'application/pdf', '协议书.pdf'],
  ] as const)('%j as %s is saved as %j', (name, type, expected) => {
    expect(savedAttachmentName(name, type)).toBe(expected)
  })

  it('keeps the extension when the name is too long', () => {
    const saved = savedAttachmentName('照'.repeat(200), 'image/png')
    expect(saved.endsWith('.png')).toBe(true)
    expect(saved.length).toBeLessThanOrEqual(120)
  })
})

describe('files taken from the sync server', () => {
  const html = text('<html><script>alert(1)</script></html>')
  const table: [string, { name: string; mime: string; size: number }, Uint8Array, string | undefined][] = [
    ['a PDF as described', { name: '扫描.pdf', mime: 'application/pdf', size: PDF.length }, PDF, undefined],
    ['a PNG as described', { name: 'a.png', mime: 'image/png', size: PNG.length }, PNG, undefined],
    [
      'HTML described as a PDF',
      { name: '扫描.pdf', mime: 'application/pdf', size: html.length },
      html,
      '服务器上的附件未取回：“扫描.pdf”的内容不是照片（JPG、PNG）或 PDF，可能是改了扩展名的其他文件，不能添加。',
    ],
    [
      'a JPEG described as a PDF',
      { name: '扫描.pdf', mime: 'application/pdf', size: JPEG.length },
      JPEG,
      '服务器上的附件未取回：“扫描.pdf”的内容是JPG 照片，与文件类型不符，不能添加。请改正扩展名后再试。',
    ],
    [
      'shorter than described',
      { name: '扫描.pdf', mime: 'application/pdf', size: PDF.length + 1 },
      PDF,
      '服务器上的附件未取回：“扫描.pdf”的大小与记录不符，文件可能不完整。',
    ],
    ['empty', { name: '空.pdf', mime: 'application/pdf', size: 0 }, bytes(), '服务器上的附件未取回：“空.pdf”是空文件'],
  ]
  it.each(table)('%s', (_, meta, content, expected) => {
    expect(receivedAttachmentProblem(meta, content)).toBe(expected)
  })

  it('one byte over 20 MB is refused, before or after it is fetched', () => {
    const over = new Uint8Array(20 * MB + 1)
    over.set(PDF)
    const message = '服务器上的附件未取回：“大.pdf”有 20.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。'
    expect(receivedAttachmentProblem({ name: '大.pdf', mime: 'application/pdf', size: over.length }, over)).toBe(
      message,
    )
    expect(receivedAttachmentTooLarge('大.pdf', 20 * MB + 1)).toBe(message)
    expect(receivedAttachmentTooLarge('大.pdf', 20 * MB)).toBeUndefined()
  })
})
