import { describe, expect, it } from 'vitest'
import { ATTACHMENT_ACCEPT, attachmentProblem } from '../../../src/domain/attachments'

const MB = 1024 * 1024

describe('attachmentProblem', () => {
  const table: [string, { name: string; type: string; size: number }, string | undefined][] = [
    ['a photo', { name: '欠条.jpg', type: 'image/jpeg', size: 300_000 }, undefined],
    ['a PNG', { name: 'a.png', type: 'image/png', size: 1 }, undefined],
    ['a WebP', { name: 'a.webp', type: 'image/webp', size: 1 }, undefined],
    ['a GIF', { name: 'a.gif', type: 'image/gif', size: 1 }, undefined],
    ['a PDF of exactly 20 MB', { name: '扫描.pdf', type: 'application/pdf', size: 20 * MB }, undefined],
    ['an empty file', { name: '空.pdf', type: 'application/pdf', size: 0 }, '“空.pdf”是空文件'],
    ['one byte over 20 MB', { name: '大.pdf', type: 'application/pdf', size: 20 * MB + 1 }, '“大.pdf”有 20.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。'],
    ['21 MB', { name: 'big.jpg', type: 'image/jpeg', size: 21 * MB }, '“big.jpg”有 21.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。'],
    ['a program', { name: 'a.exe', type: 'application/x-msdownload', size: 10 }, '“a.exe”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。'],
    ['a video', { name: 'v.mp4', type: 'video/mp4', size: 10 }, '“v.mp4”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。'],
    ['no type', { name: 'x', type: '', size: 10 }, '“x”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。'],
  ]
  it.each(table)('%s', (_name, file, expected) => {
    expect(attachmentProblem(file)).toBe(expected)
  })

  it('the file picker offers the same kinds', () => {
    expect(ATTACHMENT_ACCEPT).toBe('image/jpeg,image/png,image/webp,image/gif,application/pdf')
  })
})
