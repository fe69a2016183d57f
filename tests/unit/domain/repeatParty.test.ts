import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import { repeatLookupKeys } from '../../../src/domain/repeatParty'

const validId = (first17: string) => first17 + idNumberCheckChar(first17)

describe('repeatLookupKeys', () => {
  it('looks up only complete, valid numbers, normalised as stored', () => {
    const id = validId('11010519900101123')
    const keys = repeatLookupKeys([
      { name: '张三', idNumber: ` ${id.toLowerCase()} ` },
      { name: '李四', idNumber: id.slice(0, 10) },
      { name: '王五', phone: '138 1234 5678' },
      { name: '', phone: '13812345678' },
    ])
    expect(keys).toEqual([
      { name: '张三', idNumber: id },
      { name: '王五', phone: '13812345678' },
    ])
  })

  it('never passes a wrong check digit on', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^11010519[5-9]\d(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}$/),
        fc.constantFrom(...'0123456789X'),
        (first17, check) => {
          const keys = repeatLookupKeys([{ name: '某', idNumber: first17 + check }])
          const valid = idNumberCheckChar(first17) === check
          expect(keys).toEqual(valid ? [{ name: '某', idNumber: first17 + check }] : [])
        },
      ),
    )
  })
})
