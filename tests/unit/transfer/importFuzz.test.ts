import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { importFile, previewImport } from '../../../src/db/transfer/import'
import { readTransferFile } from '../../../src/db/transfer/read'
import { TransferError } from '../../../src/domain/transferError'
import { payloadHash } from '../../../src/db/transfer/format'
import type { MediationDb } from '../../../src/db/schema'
import { dbContentArb, fingerprint, freshDb, importWorld, load } from './arbitraries'

/** A valid file with a few of everything, and a target store that already holds other data. */
let validText: string
let target: MediationDb
let targetBefore: Record<string, string>

beforeAll(async () => {
  ;({ validText, target, targetBefore } = await importWorld(2))
})

const CHINESE = /[\u4e00-\u9fff]/

/** The import must either succeed or throw a TransferError in Chinese; the store must be untouched on error. */
async function expectRejectedCleanly(input: string): Promise<TransferError> {
  let error: unknown
  try {
    await importFile(target, input)
  } catch (caught) {
    error = caught
  }
  expect(error, 'a bad file must be refused').toBeInstanceOf(TransferError)
  expect((error as TransferError).message).toMatch(CHINESE)
  expect(await fingerprint(target)).toEqual(targetBefore)
  return error as TransferError
}

/** Re-seals a modified file with a correct checksum, so that the record validation itself is tested. */
function reseal(file: {
  tables: unknown
  manifest: { payloadSha256: string; counts: Record<string, number> }
}): string {
  const tables = file.tables as Parameters<typeof payloadHash>[0]
  for (const [name, rows] of Object.entries(tables)) file.manifest.counts[name] = (rows as unknown[]).length
  file.manifest.payloadSha256 = payloadHash(tables)
  return JSON.stringify(file)
}

describe('import refuses bad files with a Chinese message and writes nothing', () => {
  it('truncated anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), async (cut) => {
        await expectRejectedCleanly(validText.slice(0, cut % validText.length))
      }),
      { numRuns: 150 },
    )
  })

  it('one character changed anywhere (checksum, schema or JSON catches it)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('0', 'x', '"', '{', ']', '\\', '中', ' '), async (at, ch) => {
        const index = at % validText.length
        fc.pre(validText[index] !== ch)
        const mutated = validText.slice(0, index) + ch + validText.slice(index + 1)
        // whitespace between tokens is harmless: the file still parses to the same content
        if (ch === ' ' && /[,:{}[\]]/.test(validText[index])) return
        let outcome: unknown
        try {
          outcome = await readTransferFile(mutated)
        } catch (error) {
          outcome = error
        }
        if (!(outcome instanceof TransferError)) {
          // accepted edits can only touch the descriptive header, never a record
          expect(JSON.parse(mutated).tables).toEqual(JSON.parse(validText).tables)
          return
        }
        expect(outcome.message).toMatch(CHINESE)
        await expectRejectedCleanly(mutated)
      }),
      { numRuns: 300 },
    )
  })

  it('random values put into a record, even with the checksum recomputed', async () => {
    const tables = ['cases', 'parties', 'committees', 'attachments', 'mediators'] as const
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tables),
        fc.nat(),
        fc.string({ maxLength: 12 }),
        fc.jsonValue(),
        async (table, at, key, value) => {
          const file = JSON.parse(validText)
          const rows = file.tables[table] as Record<string, unknown>[]
          fc.pre(rows.length > 0)
          const row = rows[at % rows.length]
          const keys = Object.keys(row)
          const field = key.length % 2 === 0 ? keys[at % keys.length] : key
          fc.pre(JSON.stringify(row[field]) !== JSON.stringify(value))
          row[field] = value
          const text = reseal(file)
          let outcome: unknown
          try {
            outcome = await readTransferFile(text)
          } catch (error) {
            outcome = error
          }
          if (outcome instanceof TransferError) {
            expect(outcome.message).toMatch(CHINESE)
            await expectRejectedCleanly(text)
          }
          // values that fit the schema (a different string in a text field) may pass validation
        },
      ),
      { numRuns: 300 },
    )
  })

  it('wrong format, wrong or newer version', async () => {
    const file = JSON.parse(validText)
    expect((await expectRejectedCleanly(JSON.stringify({ ...file, formatVersion: 2 }))).message).toContain('请先升级')
    expect((await expectRejectedCleanly(JSON.stringify({ ...file, schemaVersion: 99 }))).message).toContain('请先升级')
    expect((await expectRejectedCleanly(JSON.stringify({ ...file, formatVersion: '1' }))).message).toContain('版本')
    expect((await expectRejectedCleanly(JSON.stringify({ ...file, format: 'other' }))).message).toContain('不是调解室')
    expect((await expectRejectedCleanly('[]')).message).toContain('不是调解室')
    expect((await expectRejectedCleanly('')).message).toContain('不是有效的JSON')
    expect((await expectRejectedCleanly('null')).code).toBe('not-transfer-file')
  })

  it('hostile content: prototype keys, huge strings, wrong types, deep nesting, bad ID checksums', async () => {
    const file = JSON.parse(validText)
    const proto = validText.replace('"tables":{', '"tables":{"__proto__":{"polluted":true},')
    expect((await expectRejectedCleanly(proto)).code).toBe('unsafe-content')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    const inRecord = JSON.parse(validText)
    inRecord.tables.cases[0].constructor = { prototype: { polluted: true } }
    expect((await expectRejectedCleanly(reseal(inRecord))).code).toBe('unsafe-content')

    const huge = JSON.parse(validText)
    huge.tables.cases[0].title = '长'.repeat(3_000)
    expect((await expectRejectedCleanly(reseal(huge))).message).toMatch(/案件第 1 条记录的“title”有误/)

    const wrongType = JSON.parse(validText)
    wrongType.tables.cases[1].amountFen = '100'
    expect((await expectRejectedCleanly(reseal(wrongType))).message).toMatch(/案件第 2 条记录的“amountFen”有误/)

    const extra = JSON.parse(validText)
    extra.tables.cases[0].injected = '<script>'
    expect((await expectRejectedCleanly(reseal(extra))).code).toBe('invalid-record')

    const badId = JSON.parse(validText)
    badId.tables.parties = [
      {
        ...(badId.tables.parties[0] ?? {}),
        id: crypto.randomUUID(),
        caseId: file.tables.cases[0].id,
        role: '申请人',
        kind: 'person',
        name: '张三',
        order: 0,
        agents: [],
        createdAt: 'x',
        updatedAt: 'x',
        idNumber: '110105199001011235',
      },
    ]
    expect((await expectRejectedCleanly(reseal(badId))).message).toContain('身份证号校验不通过')

    const deep = JSON.parse(validText)
    let nested: unknown = 1
    for (let i = 0; i < 200; i++) nested = [nested]
    deep.tables.settings[0].value = nested
    expect((await expectRejectedCleanly(reseal(deep))).code).toBe('unsafe-content')

    const duplicate = JSON.parse(validText)
    duplicate.tables.cases.push(duplicate.tables.cases[0])
    expect((await expectRejectedCleanly(reseal(duplicate))).message).toContain('重复')

    const countLie = JSON.parse(validText)
    countLie.manifest.counts.cases += 1
    expect((await expectRejectedCleanly(JSON.stringify(countLie))).code).toBe('checksum-mismatch')

    const badBytes = JSON.parse(validText)
    badBytes.tables.attachments[0].size += 1
    expect((await expectRejectedCleanly(reseal(badBytes))).message).toContain('附件')
  })

  it('a failure in the middle of the write leaves the store as it was (one transaction)', async () => {
    const local = freshDb()
    const [content] = fc.sample(
      dbContentArb.filter((c) => c.cases.length > 0),
      { numRuns: 1, seed: 5 },
    )
    await load(local, content)
    const before = await fingerprint(local)
    // the case documents' write fails after earlier tables were already written in the transaction
    const failOnCase = () => {
      throw new Error('disk full')
    }
    local.caseDocs.hook('creating', failOnCase)
    const error = await importFile(local, validText).catch((e: unknown) => e)
    local.caseDocs.hook('creating').unsubscribe(failOnCase)
    expect(error).toBeInstanceOf(TransferError)
    expect((error as TransferError).message).toContain('数据库未作任何改动')
    expect(await fingerprint(local)).toEqual(before)
  })

  it('the valid file itself imports, and preview predicts the import', async () => {
    const fresh = freshDb()
    const preview = await previewImport(fresh, validText)
    const result = await importFile(fresh, validText)
    expect(result.tables).toEqual(preview.tables)
    expect(result.totals.new).toBeGreaterThan(0)
  })
})
