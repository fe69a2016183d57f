import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  validateCommittee,
  validateMediators,
  validateRooms,
  validateSetup,
  validateNameList,
  validateEntryOf,
  DEFAULT_CASE_NUMBER_PATTERN,
  type MediatorInput,
  type RoomInput,
} from '../../../src/domain/settings'

const committee = {
  fullName: '城关镇人民调解委员会',
  shortName: '城关镇',
  address: '人民路1号',
  phone: '0571-88886666',
  caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN,
  defaultDeadlineDays: 30,
}
const mediator = (over: Partial<MediatorInput> = {}): MediatorInput => ({
  key: 'k1',
  name: '李淑珺',
  gender: '女',
  phone: '13812345678',
  certificateNo: 'TJ-1',
  role: '调解员',
  active: true,
  ...over,
})

describe('committee', () => {
  it('accepts a complete committee and trims it', () => {
    const r = validateCommittee({ ...committee, fullName: '  城关镇人民调解委员会 ' })
    expect(r).toEqual({ ok: true, value: committee })
  })
  it('names every missing or wrong field in Chinese', () => {
    const r = validateCommittee({
      ...committee,
      fullName: '',
      shortName: '',
      phone: '123',
      caseNumberPattern: '（{年}）调字号',
      defaultDeadlineDays: 0,
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.errors).sort()).toEqual([
      'caseNumberPattern',
      'defaultDeadlineDays',
      'fullName',
      'phone',
      'shortName',
    ])
    for (const m of Object.values(r.errors)) expect(m).toMatch(/[\u4e00-\u9fff]/)
  })
  // written out: invisible and control characters a paste can bring into the two fields case numbers are made of
  const hidden: [label: string, ch: string][] = [
    ['zero-width space U+200B', '\u200B'],
    ['left-to-right mark U+200E', '\u200E'],
    ['right-to-left mark U+200F', '\u200F'],
    ['LRE U+202A', '\u202A'],
    ['RLO U+202E', '\u202E'],
    ['LRI U+2066', '\u2066'],
    ['PDI U+2069', '\u2069'],
    // a BOM is white space to JavaScript's \s, but it is named as what it is: a mediator sees no space there
    ['BOM U+FEFF', '\uFEFF'],
    ['soft hyphen U+00AD', '\u00AD'],
    ['word joiner U+2060', '\u2060'],
    ['a C0 control U+0001', '\u0001'],
  ]
  it.each(hidden)('refuses a full name, short name or pattern holding a %s', (_label, ch) => {
    expect(validateCommittee({ ...committee, fullName: `城关镇${ch}人民调解委员会` })).toEqual({
      ok: false,
      errors: { fullName: '全称里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入' },
    })
    expect(validateCommittee({ ...committee, shortName: `城关${ch}镇` })).toEqual({
      ok: false,
      errors: { shortName: '简称里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入' },
    })
    expect(validateCommittee({ ...committee, caseNumberPattern: `（{年}）{简称}调${ch}字第{序号:3}号` })).toEqual({
      ok: false,
      errors: { caseNumberPattern: '编号格式里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入' },
    })
  })
  it('refuses a pattern without {序号}', () => {
    const r = validateCommittee({ ...committee, caseNumberPattern: '（{年}）{简称}调字号' })
    expect(r.ok).toBe(false)
  })
  it('accepts only whole days from 1 to 90', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (days) => {
        const ok = validateCommittee({ ...committee, defaultDeadlineDays: days }).ok
        expect(ok).toBe(Number.isInteger(days) && days >= 1 && days <= 90)
      }),
    )
  })
})

describe('mediators', () => {
  it('flags duplicates by name and phone, and by certificate number', () => {
    const r = validateMediators([
      mediator(),
      mediator({ key: 'k2', certificateNo: 'TJ-2' }),
      mediator({ key: 'k3', name: '王五', phone: '13900000000' }),
    ])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors['mediators.1.name']).toContain('重复')
    expect(r.errors['mediators.2.certificateNo']).toContain('重复')
  })
  it('requires at least one mediator, a gender and a valid phone', () => {
    expect(validateMediators([]).ok).toBe(false)
    const r = validateMediators([mediator({ gender: '', phone: '12345' })])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors['mediators.0.gender']).toBe('请选择性别')
    expect(r.errors['mediators.0.phone']).toBeTruthy()
  })
  it('checks an optional ID number', () => {
    expect(validateMediators([mediator({ idNumber: '110105199001011234' })]).ok).toBe(false)
  })
})

describe('rooms and the whole setup', () => {
  it('refuses duplicate and empty room names and an unknown lead', () => {
    const r = validateRooms(
      [{ name: '老李调解工作室' }, { name: '老李调解工作室' }, { name: ' ', leadMediatorKey: 'nobody' }],
      ['k1'],
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors['rooms.1.name']).toContain('重名')
    expect(r.errors['rooms.2.name']).toBe('请填写调解室名称')
    expect(r.errors['rooms.2.leadMediatorKey']).toBeTruthy()
  })
  it('returns every problem of a setup at once, keyed by section', () => {
    const r = validateSetup({
      committee: { ...committee, fullName: '' },
      mediators: [mediator({ name: '' })],
      rooms: [],
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors['committee.fullName']).toBeTruthy()
    expect(r.errors['mediators.0.name']).toBeTruthy()
    expect(r.errors.rooms).toBeTruthy()
  })
  it('name lists: no blanks, no duplicates, not empty', () => {
    expect(validateNameList(['邻里', '邻里'], '纠纷类别').ok).toBe(false)
    expect(validateNameList([], '纠纷类别').ok).toBe(false)
    expect(validateNameList([' 邻里 ', '物业'], '纠纷类别')).toEqual({ ok: true, value: ['邻里', '物业'] })
  })
})

describe('checking one entry of a list, as its dialog shows it', () => {
  const keys = ['m1']
  const rooms = (list: RoomInput[]) => validateRooms(list, keys)

  it('reports a duplicate name on the entry being edited, never on the one already saved', () => {
    const check = validateEntryOf('rooms', rooms, { name: ' 老李调解工作室 ' }, [
      { name: '东村调解室' },
      { name: '老李调解工作室' },
    ])
    expect(check).toEqual({ ok: false, errors: { 'rooms.0.name': '与第2个调解室重名' } })
  })

  it('gives the checked value of the entry alone, whatever is wrong with the others', () => {
    expect(
      validateEntryOf('rooms', rooms, { name: ' 新调解室 ', leadMediatorKey: 'm1' }, [{ name: '甲' }, { name: '甲' }]),
    ).toEqual({ ok: true, value: { name: '新调解室', leadMediatorKey: 'm1' } })
    expect(validateEntryOf('rooms', rooms, { name: '' }, [{ name: '甲' }])).toEqual({
      ok: false,
      errors: { 'rooms.0.name': '请填写调解室名称' },
    })
  })

  it('for any list, its verdict on the entry is the verdict of the list with the entry last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('甲', '乙', '丙', '', ' 甲'), { maxLength: 5 }),
        fc.constantFrom('甲', '乙', '丁', ''),
        (names, name) => {
          const others = names.map((n) => ({ name: n }))
          const check = validateEntryOf('rooms', rooms, { name }, others)
          const whole = rooms([...others, { name }])
          const ownError = whole.ok ? undefined : whole.errors[`rooms.${others.length}.name`]
          expect(check.ok ? undefined : check.errors['rooms.0.name']).toBe(ownError)
        },
      ),
    )
  })
})
