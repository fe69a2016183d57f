import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { transferFileSchema } from '../../../src/db/transfer/format'

const SCHEMA_PATH = new URL('../../../src/db/transfer/transfer.schema.json', import.meta.url)

/** The committed JSON Schema is generated from the zod schemas; regenerate with UPDATE_SCHEMA=1. */
function generated(): string {
  const schema = z.toJSONSchema(transferFileSchema, { io: 'input', unrepresentable: 'any' })
  return `${JSON.stringify({ ...schema, $id: 'https://mediation-room.org/schemas/transfer-v1.json', title: '调解室 transfer file, format version 1' }, null, 2)}\n`
}

describe('transfer.schema.json', () => {
  it('matches the zod schemas that validate imports', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_PATH, generated())
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generated())
  })
})
