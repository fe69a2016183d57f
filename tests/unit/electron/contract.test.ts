import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import {
  ipcChannels,
  ipcContract,
  ipcEventChannels,
  ipcEvents,
  mergeChannelGroups,
  mergeEventGroups,
} from '../../../src/shared/ipc'
import { appChannels } from '../../../src/shared/ipc/app'
import { filesChannels, startsWithPdfMagic } from '../../../src/shared/ipc/files'
import { shellChannels } from '../../../src/shared/ipc/shell'
import { backupChannels } from '../../../src/shared/ipc/backup'
import { signingChannels } from '../../../src/shared/ipc/signing'
import { auditChannels } from '../../../src/shared/ipc/audit'
import { vaultChannels } from '../../../src/shared/ipc/vault'
import { syncChannels } from '../../../src/shared/ipc/sync'

describe('the IPC contract', () => {
  it('holds every channel of every group, in order', () => {
    expect(ipcChannels).toEqual([
      ...Object.keys(appChannels),
      ...Object.keys(filesChannels),
      ...Object.keys(shellChannels),
      ...Object.keys(backupChannels),
      ...Object.keys(signingChannels),
      ...Object.keys(auditChannels),
      ...Object.keys(vaultChannels),
      ...Object.keys(syncChannels),
    ])
  })

  it('gives every channel a distinct, verb-like name', () => {
    const verbs = ipcChannels.map((channel) => ipcContract[channel].verb)
    expect(new Set(verbs).size).toBe(verbs.length)
    for (const verb of verbs) expect(verb).toMatch(/^[a-z][a-zA-Z]+$/)
  })

  it('gives every event an on… verb distinct from the channel verbs', () => {
    const channelVerbs = new Set<string>(ipcChannels.map((channel) => ipcContract[channel].verb))
    for (const event of ipcEventChannels) {
      expect(ipcEvents[event].verb).toMatch(/^on[A-Z][a-zA-Z]+$/)
      expect(channelVerbs.has(ipcEvents[event].verb)).toBe(false)
    }
  })

  it('refuses an event named like a channel', () => {
    expect(() => mergeEventGroups({ 'app:info': { verb: 'onInfo', payload: z.null() } })).toThrow(/declared twice/)
  })

  it('names channels as group:action', () => {
    for (const channel of ipcChannels) expect(channel).toMatch(/^[a-z]+:[a-z-]+$/)
  })

  it('refuses a channel or a verb declared twice', () => {
    const one = { 'x:a': { verb: 'doA', request: z.undefined(), result: z.null() } }
    const sameChannel = { 'x:a': { verb: 'doB', request: z.undefined(), result: z.null() } }
    const sameVerb = { 'x:b': { verb: 'doA', request: z.undefined(), result: z.null() } }
    expect(() => mergeChannelGroups(one, sameChannel)).toThrow(/declared twice: x:a/)
    expect(() => mergeChannelGroups(one, sameVerb)).toThrow(/declared twice: doA/)
  })
})

describe('the files schemas', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])
  const save = filesChannels['files:save'].request

  it('accept a plain Chinese file name and a PDF', () => {
    expect(
      save.safeParse({
        suggestedName: '（2026）X镇调字第001号 调解协议书.pdf',
        mime: 'application/pdf',
        data: pdf,
        kind: 'pdf',
      }).success,
    ).toBe(true)
  })

  it('accept names that merely resemble device names', () => {
    for (const suggestedName of ['CONSOLE.pdf', 'COM10.json', 'nul-报告.pdf', '报告.con']) {
      expect(save.safeParse({ suggestedName, mime: 'application/pdf', data: pdf, kind: 'pdf' }).success).toBe(true)
    }
  })

  it.each([
    'a/b.pdf',
    'a\\b.pdf',
    '..',
    'con?.pdf',
    ' 前导空格.pdf',
    'x'.repeat(121),
    '',
    'a\u0000.pdf',
    // Windows device names, trailing dots and spaces, bidi and zero-width characters (src/domain/fileName.ts).
    'CON',
    'NUL.pdf',
    'com1.json',
    'Lpt9.pdf',
    '报告.',
    '报告.pdf ',
    'invoice\u202Efdp.pdf',
    '协议\u200B书.pdf',
    '\uFEFF协议书.pdf',
    'a\u2066b.pdf',
    '案'.repeat(81) + '.pdf',
  ])('refuse the file name %j', (suggestedName) => {
    expect(save.safeParse({ suggestedName, mime: 'application/pdf', data: pdf, kind: 'pdf' }).success).toBe(false)
  })

  it('save an image only as what its bytes are', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0)
    const html = new TextEncoder().encode('<html><script>alert(1)</script>')
    const image = (data: Uint8Array, mime: string) => ({ suggestedName: '现场照片.png', mime, data, kind: 'image' })
    expect(save.safeParse(image(png, 'image/png')).success).toBe(true)
    expect(save.safeParse(image(jpeg, 'image/jpeg')).success).toBe(true)
    // declared one type, bytes of another; a page dressed as a photo; a PDF passed as an image
    expect(save.safeParse(image(png, 'image/jpeg')).success).toBe(false)
    expect(save.safeParse(image(html, 'image/png')).success).toBe(false)
    expect(save.safeParse(image(pdf, 'image/png')).success).toBe(false)
    expect(save.safeParse(image(pdf, 'application/pdf')).success).toBe(false)
  })

  it('check the PDF signature', () => {
    expect(startsWithPdfMagic(pdf)).toBe(true)
    expect(startsWithPdfMagic(new TextEncoder().encode('<html>'))).toBe(false)
    expect(startsWithPdfMagic(new Uint8Array())).toBe(false)
  })
})
