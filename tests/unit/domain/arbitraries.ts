/**
 * fast-check generators for domain data, shared with other areas' tests (fixtures, db, documents).
 * Every generated ID number and credit code is valid by construction (check character computed).
 */
import fc from 'fast-check'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../src/domain/creditCode'
import { fromEpochDay, toEpochDay } from '../../../src/domain/dates'
import type { CaseRecord, Gender, Party } from '../../../src/domain/types'

const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
]

const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''))

/** A 'YYYY-MM-DD' between the given years, calendar-correct (leap days included). */
export function isoDateArb(fromYear = 1900, toYear = 2100): fc.Arbitrary<string> {
  const min = toEpochDay(`${fromYear}-01-01`) ?? 0
  const max = toEpochDay(`${toYear}-12-31`) ?? 0
  return fc.integer({ min, max }).map(fromEpochDay)
}

export interface GeneratedId {
  idNumber: string
  birthDate: string
  gender: Gender
}

/** A valid 18-character 身份证号 with its birth date and gender. */
export function idNumberArb(opts: { fromYear?: number; toYear?: number } = {}): fc.Arbitrary<GeneratedId> {
  return fc
    .record({
      province: fc.constantFrom(...PROVINCES),
      rest: digits(4),
      birthDate: isoDateArb(opts.fromYear ?? 1920, opts.toYear ?? 2020),
      seq: digits(2),
      genderDigit: fc.integer({ min: 0, max: 9 }),
    })
    .map(({ province, rest, birthDate, seq, genderDigit }) => {
      const first17 = province + rest + birthDate.replace(/-/g, '') + seq + String(genderDigit)
      const gender: Gender = genderDigit % 2 === 1 ? '男' : '女'
      return { idNumber: first17 + idNumberCheckChar(first17), birthDate, gender }
    })
}

/** A valid 统一社会信用代码. */
export function creditCodeArb(): fc.Arbitrary<string> {
  const ch = fc.constantFrom(...CREDIT_CODE_CHARSET)
  return fc
    .record({
      head: fc.array(ch, { minLength: 2, maxLength: 2 }),
      region: digits(6),
      org: fc.array(ch, { minLength: 9, maxLength: 9 }),
    })
    .map(({ head, region, org }) => {
      const first17 = head.join('') + region + org.join('')
      return first17 + creditCodeCheckChar(first17)
    })
}

/** A valid mainland mobile number (11 digits). */
export function mobileArb(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`)
}

/** A valid landline, e.g. 0571-88888888 or 010-62345678. */
export function landlineArb(): fc.Arbitrary<string> {
  const area = fc.oneof(
    fc.constant('010'),
    digits(1).map((d) => `02${d}`),
    fc.tuple(fc.integer({ min: 3, max: 9 }), digits(2)).map(([a, b]) => `0${a}${b}`),
  )
  const local = fc
    .tuple(fc.integer({ min: 2, max: 9 }), fc.constantFrom(6, 7))
    .chain(([first, n]) => digits(n).map((d) => `${first}${d}`))
  return fc.tuple(area, local).map(([a, l]) => `${a}-${l}`)
}

export const SURNAMES = [
  '李',
  '王',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '欧阳',
  '诸葛',
  '曾',
  '吕',
  '𠮷',
] as const
/** Given-name characters, including rare ones: 珺, 堃, 喆 (BMP) and 𠮷, 𡒄 (astral plane). */
export const GIVEN_CHARS = [
  '淑',
  '珺',
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '堃',
  '喆',
  '𠮷',
  '𡒄',
  '彧',
] as const

/** A realistic Chinese personal name of 2–4 characters, sometimes with rare or astral-plane characters. */
export function chineseNameArb(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN_CHARS), { minLength: 1, maxLength: 2 }))
    .map(([surname, given]) => surname + given.join(''))
}

/** An organisation name such as "某某化工有限公司". */
export function orgNameArb(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('宏达', '新安', '恒通', '华𠮷', '金桥'),
      fc.constantFrom('化工', '建筑', '物业', '纺织'),
      fc.constantFrom('有限公司', '股份有限公司', '厂'),
    )
    .map((p) => p.join(''))
}

let counter = 0
const nextId = (prefix: string): string => `${prefix}-${(++counter).toString(36)}`

/** A case in 'intake' with sensible defaults; override what a test cares about. */
export function makeCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const defaults: CaseRecord = {
    id: nextId('case'),
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    committeeId: 'committee-1',
    roomId: 'room-1',
    status: 'intake',
    source: '当事人申请',
    category: '劳动争议（含欠薪）',
    title: '拖欠工资纠纷',
    facts: '',
    requests: ['支付拖欠工资'],
    amountFen: 0,
    peopleCount: 2,
    flags: [],
    mediatorIds: [],
    receivedOn: '2026-11-01',
    performance: [],
    partySummary: '',
  }
  return { ...defaults, ...overrides }
}

/** A natural-person party of `caseId`; override what a test cares about. */
export function makeParty(overrides: Partial<Party> = {}): Party {
  return {
    id: nextId('party'),
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    caseId: 'case-x',
    role: '申请人',
    kind: 'person',
    name: '李淑珺',
    order: 0,
    agents: [],
    ...overrides,
  }
}

/**
 * Plain generators for fixtures and benchmarks that need many records without fast-check: pass any
 * uniform random source in [0, 1) (e.g. a seeded PRNG) to get reproducible valid numbers.
 */
export type RandomSource = () => number

const pickDigit = (rand: RandomSource): string => String(Math.floor(rand() * 10))
const repeatDigits = (rand: RandomSource, n: number): string =>
  Array.from({ length: n }, () => pickDigit(rand)).join('')

export function randomIdNumber(rand: RandomSource, birthDate = '1980-01-01'): string {
  const province = PROVINCES[Math.floor(rand() * PROVINCES.length)]
  const first17 = province + repeatDigits(rand, 4) + birthDate.replace(/-/g, '') + repeatDigits(rand, 3)
  return first17 + idNumberCheckChar(first17)
}

export function randomCreditCode(rand: RandomSource): string {
  const ch = (): string => CREDIT_CODE_CHARSET[Math.floor(rand() * CREDIT_CODE_CHARSET.length)]
  const first17 = '91' + repeatDigits(rand, 6) + Array.from({ length: 9 }, ch).join('')
  return first17 + creditCodeCheckChar(first17)
}

export function randomMobile(rand: RandomSource): string {
  return `1${3 + Math.floor(rand() * 7)}${repeatDigits(rand, 9)}`
}
