import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  changesToSave,
  clashPreview,
  followStored,
  formFollower,
  noteClashes,
  takeTheirs,
  type FormClash,
} from '../../../src/domain/formFollow'

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

describe('formFollower: an autosaving form and the record changing under it', () => {
  // each step: t = the person types (fields), s = the stored record changes (fields),
  // w = a write of what toSave gives starts, ok / fail = it ends; then what the form shows, the clashes
  // named at that step, and what a save would write
  type Step = { t: Partial<Form> } | { s: Partial<Form> } | { w: Partial<Form> } | { ok: true } | { fail: true }
  it.each<[string, Step[], Partial<Form>, string[], Partial<Form>]>([
    ['a change taken in leaves nothing to save', [{ s: { facts: '乙机补充。' } }], { facts: '乙机补充。' }, [], {}],
    [
      'typing then a change of another field: only the typing is saved',
      [{ t: { title: '甲' } }, { s: { facts: '乙机补充。' } }],
      { title: '甲', facts: '乙机补充。' },
      [],
      { title: '甲' },
    ],
    [
      'the own write coming back while typing on: no clash, the newer typing stays to be saved',
      [
        { t: { facts: '甲一' } },
        { w: { facts: '甲一' } },
        { t: { facts: '甲一二' } },
        { s: { facts: '甲一' } },
        { ok: true },
      ],
      { facts: '甲一二' },
      [],
      { facts: '甲一二' },
    ],
    [
      'the own write stored, then its record comes back: nothing left to save',
      [{ t: { facts: '甲一' } }, { w: { facts: '甲一' } }, { ok: true }, { s: { facts: '甲一' } }],
      { facts: '甲一' },
      [],
      {},
    ],
    [
      'another change of the field being written arrives first: the write is kept, a clash',
      [{ t: { facts: '甲一' } }, { w: { facts: '甲一' } }, { s: { facts: '乙机写的。' } }],
      { facts: '甲一' },
      ['facts'],
      {},
    ],
    [
      'a failed write: its fields are still to be saved',
      [{ t: { title: '甲' } }, { w: { title: '甲' } }, { fail: true }, { s: { facts: '乙机补充。' } }],
      { title: '甲', facts: '乙机补充。' },
      [],
      { title: '甲' },
    ],
    [
      'both typed the same field, no write yet: typing kept, a clash, still to be saved',
      [{ t: { facts: '甲机写的。' } }, { s: { facts: '乙机写的。' } }],
      { facts: '甲机写的。' },
      ['facts'],
      { facts: '甲机写的。' },
    ],
  ])('%s', (_name, steps, shown, clashes, toSave) => {
    const follower = formFollower(base)
    let form = { ...base }
    let stored = { ...base }
    let named: string[] = []
    for (const step of steps) {
      if ('t' in step) form = { ...form, ...step.t }
      else if ('s' in step) {
        stored = { ...stored, ...step.s }
        const followed = follower.follow(form, stored)
        form = followed.form
        named = followed.clashes
      } else if ('w' in step) {
        expect(follower.toSave(form)).toEqual(step.w)
        follower.writing(step.w)
      } else follower.written('ok' in step)
    }
    expect(form).toEqual({ ...base, ...shown })
    expect(named).toEqual(clashes)
    expect(follower.toSave(form)).toEqual(toSave)
  })

  const field = fc.record({
    title: fc.constantFrom('甲', '乙', '丙'),
    facts: fc.constantFrom('一', '二', '三'),
    requests: fc.array(fc.constantFrom('拆', '赔'), { maxLength: 2 }),
    amountYuan: fc.constantFrom(0, 100, 200),
  })

  it('with no write running, follows as followStored, and a follow adds nothing to save (property)', () => {
    fc.assert(
      fc.property(field, field, field, (baseline, typed, stored) => {
        const follower = formFollower(baseline)
        const before = follower.toSave(typed)
        const followed = follower.follow(typed, stored)
        expect(followed).toEqual(followStored(typed, baseline, stored))
        // what is left to save: only fields typed here (never one taken in), and only where they differ from the store
        const after = follower.toSave(followed.form)
        for (const key of Object.keys(after) as (keyof Form)[]) {
          expect(key in before).toBe(true)
          expect(after[key]).toEqual(typed[key])
          expect(JSON.stringify(stored[key])).not.toBe(JSON.stringify(typed[key]))
        }
        // a second follow of the same record changes nothing: no back and forth
        expect(follower.follow(followed.form, stored)).toEqual({ form: followed.form, clashes: [], theirs: {} })
      }),
    )
  })

  it('the record written by this form coming back is never a clash and never changes the form (property)', () => {
    fc.assert(
      fc.property(field, field, field, (baseline, typed, typedOn) => {
        const follower = formFollower(baseline)
        const changes = follower.toSave(typed)
        follower.writing(changes)
        // the person types on while the write runs, then the stored record (with the write) comes back
        const followed = follower.follow(typedOn, { ...baseline, ...changes })
        expect(followed).toEqual({ form: typedOn, clashes: [], theirs: {} })
        follower.written(true)
        expect(follower.toSave(typedOn)).toEqual(changesToSave({ ...baseline, ...changes }, typedOn))
      }),
    )
  })
})

describe('the value that came in, for each clash (the notice shows it and may take it)', () => {
  it.each<[string, Partial<Form>, Partial<Form>, Partial<Form>]>([
    // name, typed here, changed in the store, what `theirs` holds
    ['no clash: nothing', { title: '甲机的名称' }, { facts: '乙机补充的案情。' }, {}],
    ['one clash: the stored value', { facts: '甲机写的。' }, { facts: '乙机写的。' }, { facts: '乙机写的。' }],
    [
      'two clashes, a list among them',
      { facts: '甲机写的。', requests: ['拆除围墙', '赔偿损失'] },
      { facts: '', requests: ['道歉'], amountYuan: 300 },
      { facts: '', requests: ['道歉'] },
    ],
    ['the same value on both sides: none', { facts: '一样的。' }, { facts: '一样的。' }, {}],
  ])('%s', (_name, typed, changed, theirs) => {
    expect(followStored({ ...base, ...typed }, base, { ...base, ...changed }).theirs).toEqual(theirs)
    expect(formFollower(base).follow({ ...base, ...typed }, { ...base, ...changed }).theirs).toEqual(theirs)
  })

  it('is a copy: changing the stored record afterwards leaves it as it came in', () => {
    const stored = { ...base, requests: ['道歉'] }
    const { theirs } = followStored({ ...base, requests: ['赔偿'] }, base, stored)
    stored.requests.push('赔偿')
    expect(theirs).toEqual({ requests: ['道歉'] })
  })
})

describe('noteClashes: the notice list across several changes coming in', () => {
  const followed = (clashes: (keyof Form)[], theirs: Partial<Form>) => ({ form: base, clashes, theirs })
  it.each<[string, FormClash<Form>[], (keyof Form)[], Partial<Form>, FormClash<Form>[]]>([
    // name, list before, clashes of this follow, their values, list after
    ['none before, none now', [], [], {}, []],
    ['a first clash', [], ['facts'], { facts: '乙机写的。' }, [{ field: 'facts', theirs: '乙机写的。' }]],
    [
      'the same field again: the newer value, in its place',
      [
        { field: 'facts', theirs: '乙机写的。' },
        { field: 'title', theirs: '乙机的名称' },
      ],
      ['facts'],
      { facts: '乙机又改了。' },
      [
        { field: 'facts', theirs: '乙机又改了。' },
        { field: 'title', theirs: '乙机的名称' },
      ],
    ],
    [
      'another field: added at the end, the earlier stays',
      [{ field: 'facts', theirs: '乙机写的。' }],
      ['amountYuan'],
      { amountYuan: 0 },
      [
        { field: 'facts', theirs: '乙机写的。' },
        { field: 'amountYuan', theirs: 0 },
      ],
    ],
    ['their value emptied: kept as empty', [], ['requests'], { requests: [] }, [{ field: 'requests', theirs: [] }]],
  ])('%s', (_name, before, clashes, theirs, after) => {
    expect(noteClashes(before, followed(clashes, theirs))).toEqual(after)
  })
})

describe('takeTheirs: 采用对方的内容', () => {
  const list: FormClash<Form>[] = [
    { field: 'facts', theirs: '乙机写的。' },
    { field: 'requests', theirs: ['道歉'] },
  ]
  const typed: Form = { ...base, facts: '甲机写的。', requests: ['赔偿'] }
  it.each<[string, string, Form, FormClash<Form>[]]>([
    // name, field taken, the form after, the list after
    ['a text', 'facts', { ...typed, facts: '乙机写的。' }, [{ field: 'requests', theirs: ['道歉'] }]],
    ['a list', 'requests', { ...typed, requests: ['道歉'] }, [{ field: 'facts', theirs: '乙机写的。' }]],
    ['a field with no clash: nothing changes', 'title', typed, list],
  ])('%s', (_name, field, form, clashes) => {
    const taken = takeTheirs(typed, list, field)
    expect(taken.form).toEqual(form)
    expect(taken.clashes).toEqual(clashes)
  })

  it('takes a copy: typing into the field afterwards leaves the notice value alone', () => {
    const taken = takeTheirs(typed, list, 'requests')
    taken.form.requests.push('赔偿')
    expect(list[1]!.theirs).toEqual(['道歉'])
  })

  it('after taking, the follower has nothing to save for a field whose stored value was theirs', () => {
    const follower = formFollower(base)
    const followed = follower.follow(typed, { ...base, facts: '乙机写的。' })
    const clashes = noteClashes([], followed)
    const taken = takeTheirs(followed.form, clashes, 'facts')
    expect(follower.toSave(taken.form)).toEqual({ requests: ['赔偿'] })
  })
})

describe('clashPreview: their value as the notice shows it', () => {
  const sixty = '一二三四五六七八九十'.repeat(6)
  it.each<[string, string, string]>([
    ['short: whole', '乙机写的。', '乙机写的。'],
    ['empty stays empty', '', ''],
    ['exactly 60 characters: whole', sixty, sixty],
    ['61 characters: 60 and the count', `${sixty}甲`, `${sixty}……（共 61 字）`],
    ['line breaks as spaces', '第一行\n  第二行\n', '第一行 第二行'],
    ['characters outside the BMP count once', `${'𠀋'.repeat(61)}`, `${'𠀋'.repeat(60)}……（共 61 字）`],
  ])('%s', (_name, words, shown) => {
    expect(clashPreview(words)).toBe(shown)
  })
  it('a smaller limit', () => {
    expect(clashPreview('申请人称漏水已有三个月', 5)).toBe('申请人称漏……（共 11 字）')
  })
})
