import { beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { importFile, previewImport } from '../../../src/db/transfer/import'
import { readTransferFile } from '../../../src/db/transfer/read'
import { TransferError } from '../../../src/domain/transferError'
import { canonicalJson } from '../../../src/domain/canonical'
import { restoreSnapshot } from '../../../src/db/snapshot'
import type { MediationDb } from '../../../src/db/schema'
import { fingerprint, freshDb, importWorld } from './arbitraries'

/**
 * A transfer file is not trusted about its attachments: their bytes decide their type (PDF, JPEG, PNG
 * only) and their size is held to the same 20 MB as adding a file in the app. A bad attachment refuses
 * the whole file, as any other bad row does (all or nothing), and nothing changes.
 */
let validText: string
let target: MediationDb
let targetBefore: Record<string, string>

beforeAll(async () => {
  ;({ validText, target, targetBefore } = await importWorld(1))
})

interface ForgedFile {
  tables: Record<string, unknown[]> & {
    attachments: { name: string; mime: string; size: number; dataBase64: string; sha256?: string }[]
  }
  manifest: { payloadSha256: string; counts: Record<string, number> }
}

/** SHA-256 as a forger computes it (Node's own, not the app's: tens of MB in script took seconds). */
const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex')

/** The valid file with its first attachment's content (and declared type) replaced, sealed again as a forger would. */
function forge(bytes: Uint8Array, change: { name?: string; mime?: string } = {}): string {
  const file = JSON.parse(validText) as ForgedFile
  const row = file.tables.attachments[0]!
  Object.assign(row, change)
  row.size = bytes.length
  row.dataBase64 = Buffer.from(bytes).toString('base64')
  row.sha256 = sha256Hex(bytes)
  file.manifest.payloadSha256 = sha256Hex(canonicalJson(file.tables))
  return JSON.stringify(file)
}

async function refusal(text: string): Promise<TransferError> {
  const error = await importFile(target, text).catch((e: unknown) => e)
  expect(error, 'the file must be refused').toBeInstanceOf(TransferError)
  expect(await previewImport(target, text).catch((e: unknown) => e)).toBeInstanceOf(TransferError)
  expect(await fingerprint(target)).toEqual(targetBefore)
  return error as TransferError
}

const html = new TextEncoder().encode('<!doctype html><title>已锁定</title><h1>请输入密码</h1><script>steal()</script>')
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7])

describe('importing attachments', () => {
  it('the unforged file imports (the check passes real PNGs)', async () => {
    const db = freshDb()
    await importFile(db, validText)
    expect(await db.attachments.count()).toBeGreaterThan(0)
  })

  it('refuses an HTML page named .pdf', async () => {
    const error = await refusal(forge(html, { name: '锁屏.pdf', mime: 'application/pdf' }))
    expect(error.message).toBe(
      '附件不能导入，整个文件未导入：“锁屏.pdf”的内容不是照片（JPG、PNG）或 PDF，可能是改了扩展名的其他文件，不能添加。',
    )
  })

  it('refuses an SVG declared as an image', async () => {
    const error = await refusal(
      forge(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), {
        name: '图.svg',
        mime: 'image/svg+xml',
      }),
    )
    expect(error.message).toBe(
      '附件不能导入，整个文件未导入：“图.svg”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。',
    )
  })

  it('refuses a PNG that declares itself a PDF', async () => {
    const error = await refusal(forge(png, { name: '合同.pdf', mime: 'application/pdf' }))
    expect(error.message).toBe(
      '附件不能导入，整个文件未导入：“合同.pdf”的内容是PNG 图片，与文件类型不符，不能添加。请改正扩展名后再试。',
    )
  })

  it('refuses a 37 MB attachment although the file allows much more', async () => {
    const big = new Uint8Array(37 * 1024 * 1024)
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d])
    const error = await refusal(forge(big, { name: '录像.pdf', mime: 'application/pdf' }))
    expect(error.message).toBe(
      '附件不能导入，整个文件未导入：“录像.pdf”有 37.0 MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。',
    )
  })

  it('refuses an empty attachment', async () => {
    const error = await refusal(forge(new Uint8Array(0), { name: '空.png', mime: 'image/png' }))
    expect(error.message).toBe('附件不能导入，整个文件未导入：“空.png”是空文件')
  })

  it("a restore brings back this PC's own files: an unsupported one is kept inert (typed by its bytes, never shown), nothing refused", async () => {
    const db = freshDb()
    const file = await readTransferFile(forge(html, { name: '锁屏.pdf', mime: 'application/pdf' }))
    await restoreSnapshot(db, file, { keepPreRestore: async () => {} })
    const row = await db.attachments.get(file.tables.attachments[0]!.id)
    expect(row?.mime).toBe('application/octet-stream')
    expect(row?.data.type).toBe('application/octet-stream')
    expect(new Uint8Array(await row!.data.arrayBuffer())).toEqual(html)
    expect(await db.attachments.count()).toBe(file.tables.attachments.length)
  })

  it('a restore re-types a photo an older version typed by its extension (a PNG saved as .jpg)', async () => {
    const db = freshDb()
    const file = await readTransferFile(forge(png, { name: '照片.jpg', mime: 'image/jpeg' }))
    await restoreSnapshot(db, file, { keepPreRestore: async () => {} })
    const row = await db.attachments.get(file.tables.attachments[0]!.id)
    expect(row?.mime).toBe('image/png')
    expect(row?.data.type).toBe('image/png')
  })

  it('a restore still refuses a damaged attachment before keeping anything or touching the store', async () => {
    const file = JSON.parse(forge(png, { name: '照片.png', mime: 'image/png' })) as ForgedFile
    file.tables.attachments[0]!.size += 1
    file.manifest.payloadSha256 = sha256Hex(canonicalJson(file.tables))
    const snapshot = await readTransferFile(JSON.stringify(file))
    let kept = false
    const error = await restoreSnapshot(target, snapshot, { keepPreRestore: async () => void (kept = true) }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TransferError)
    expect((error as TransferError).message).toBe('附件“照片.png”的大小与内容不符，文件可能已损坏')
    expect(kept).toBe(false)
    expect(await fingerprint(target)).toEqual(targetBefore)
  })
})
