import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changesToSave, followStored } from '../../../src/domain/formFollow'

interface Form {
  title: string
  facts: string
  requests: string[]
  amountYuan: number
}

const base: Form = { title: '相邻通行纠纷', facts: '围墙挡路。', requests: ['拆除围墙'], amountYuan: 0 }

describe('followStored: a form open while its stored record changes', () => {
  it.each<[string, Partial<Form>, Partial<Form>, Partial<Form>, string[]]>([
    // name, typed here, changed in the store, the form after, the clashes
    [
      'nothing typed: the form is the stored record',
      {},
      { facts: '乙机补充的案情。' },
      { facts: '乙机补充的案情。' },
      [],
    ],
    [
      'typed one field, another changed: both kept',
      { title: '通行纠纷（已改名）' },
      { facts: '乙机补充的案情。' },
      { title: '通行纠纷（已改名）', facts: '乙机补充的案情。' },
      [],
    ],
    [
      'the same field typed and changed: typing kept, a clash',
      { facts: '甲机写的。' },
      { facts: '乙机写的。' },
      { facts: '甲机写的。' },
      ['facts'],
    ],
    [
      'the same field changed to the same value: no clash',
      { facts: '一样的。' },
      { facts: '一样的。' },
      { facts: '一样的。' },
      [],
    ],
    [
      'a list compared by content',
      { requests: ['拆除围墙', '赔偿损失'] },
      { requests: ['拆除围墙'], amountYuan: 500 },
      { requests: ['拆除围墙', '赔偿损失'], amountYuan: 500 },
      [],
    ],
    ['nothing changed in the store: the typing stays', { amountYuan: 1200 }, {}, { amountYuan: 1200 }, []],
  ])('%s', (_name, typed, changed, after, clashes) => {
    const result = followStored({ ...base, ...typed }, base, { ...base, ...changed })
    expect(result.form).toEqual({ ...base, ...after })
    expect(result.clashes).toEqual(clashes)
  })

  it('never loses a typed value, and takes every stored change of a field not typed (property)', () => {
    const form = fc.record({
      title: fc.constantFrom('甲', '乙', '丙'),
      facts: fc.constantFrom('一', '二', '三'),
      requests: fc.array(fc.constantFrom('拆', '赔'), { maxLength: 2 }),
      amountYuan: fc.constantFrom(0, 100, 200),
    })
    fc.assert(
      fc.property(form, form, form, (baseline, typed, stored) => {
        const { form: after, clashes } = followStored(typed, baseline, stored)
        for (const key of Object.keys(baseline) as (keyof Form)[]) {
          const touched = JSON.stringify(typed[key]) !== JSON.stringify(baseline[key])
          expect(after[key]).toEqual(touched ? typed[key] : stored[key])
          const storeChanged = JSON.stringify(stored[key]) !== JSON.stringify(baseline[key])
          const differ = JSON.stringify(stored[key]) !== JSON.stringify(typed[key])
          expect(clashes.includes(key)).toBe(touched && storeChanged && differ)
        }
      }),
    )
  })
})

describe('changesToSave: only what the person changed is written', () => {
  it.each<[string, Partial<Form>, Partial<Form>]>([
    ['nothing', {}, {}],
    ['one field', { title: '新名称' }, { title: '新名称' }],
    ['a list', { requests: ['拆除围墙', '赔偿'] }, { requests: ['拆除围墙', '赔偿'] }],
    ['a number to zero', { amountYuan: 0 }, {}],
  ])('%s', (_name, typed, saved) => {
    expect(changesToSave(base, { ...base, ...typed })).toEqual(saved)
  })
})
