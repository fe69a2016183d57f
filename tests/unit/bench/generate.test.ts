import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseIdNumber } from '../../../src/domain/idNumber'
import { parseCreditCode } from '../../../src/domain/creditCode'
import { isMobile } from '../../../src/domain/phone'
import { validateSetup } from '../../../src/domain/settings'
import { digestOf, digestSearch } from '../../../src/domain/caseDigest'
import { namePinyin } from '../../../src/domain/search'
import { isDeadlineRunning } from '../../../src/domain/deadlines'
import {
  benchSetupInput,
  generateCaseBundle,
  receivedOnOf,
  sequenceOf,
  testWorld,
  type CaseWorld,
} from '../../fixtures/generate/cases'
import { itemSeed, seededRandom } from '../../fixtures/generate/random'

const world = testWorld({
  roomIds: ['room-1', 'room-2', 'room-3'],
  mediatorIds: ['m-1', 'm-2', 'm-3', 'm-4'],
  firstDay: '2023-11-23',
  today: '2026-11-22',
  total: 100_000,
})

const index = fc.integer({ min: 0, max: world.total - 1 })
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 })

describe('generated cases', () => {
  it('are the same for the same seed and index, and differ between seeds', () => {
    fc.assert(
      fc.property(seed, index, (s, i) => {
        expect(generateCaseBundle(s, i, world)).toEqual(generateCaseBundle(s, i, world))
        expect(generateCaseBundle(s + 1, i, world).case.id).not.toBe(generateCaseBundle(s, i, world).case.id)
      }),
      { numRuns: 50 },
    )
  })

  it('never repeat an id: every case, party and session id of a data set is unique (the 100k load adds them all)', () => {
    const ids = new Set<string>()
    let count = 0
    for (let i = 0; i < 30_000; i += 3) {
      const b = generateCaseBundle(20261122, i, world)
      for (const id of [b.case.id, ...b.parties.map((p) => p.id), ...(b.session ? [b.session.id] : [])]) {
        ids.add(id)
        count++
      }
    }
    expect(ids.size).toBe(count)
  })

  it('carry valid ID numbers, credit codes and phone numbers, with gender and birth date matching the ID', () => {
    fc.assert(
      fc.property(seed, index, (s, i) => {
        const { parties } = generateCaseBundle(s, i, world)
        expect(parties.length).toBeGreaterThanOrEqual(2)
        for (const p of parties) {
          if (p.kind === 'person') {
            const id = parseIdNumber(p.idNumber ?? '', world.today)
            expect(id.ok, `${p.name} ${p.idNumber}`).toBe(true)
            if (id.ok) expect([id.gender, id.birthDate]).toEqual([p.gender, p.birthDate])
            expect(isMobile(p.phone ?? '')).toBe(true)
          } else {
            expect(parseCreditCode(p.creditCode ?? '').ok, `${p.name} ${p.creditCode}`).toBe(true)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('are consistent cases: parties point at the case, accepted cases have a number and a deadline, dates in order', () => {
    fc.assert(
      fc.property(seed, index, (s, i) => {
        const { case: c, parties, session } = generateCaseBundle(s, i, world)
        expect(parties.every((p) => p.caseId === c.id)).toBe(true)
        expect(c.receivedOn >= world.firstDay && c.receivedOn <= world.today).toBe(true)
        expect(world.roomIds).toContain(c.roomId)
        expect(c.mediatorIds.every((m) => world.mediatorIds.includes(m))).toBe(true)
        if (c.acceptedOn) {
          expect(c.acceptedOn >= c.receivedOn && c.acceptedOn <= world.today).toBe(true)
          expect(c.caseNo).toContain(`（${c.receivedOn.slice(0, 4)}）雉城调字第`)
          expect(c.dueOn! > c.acceptedOn).toBe(true)
        } else {
          expect(['intake', 'rejected']).toContain(c.status)
        }
        if (session) expect(session.caseId).toBe(c.id)
        if (c.flags.includes('群体性')) expect(c.peopleCount).toBeGreaterThanOrEqual(5)
      }),
      { numRuns: 300 },
    )
  })

  it('arrive in date order, and 序号 counts within the year without repeats', () => {
    const small: CaseWorld = { ...world, total: 3_000 }
    const seen = new Set<string>()
    let lastDate = ''
    for (let i = 0; i < small.total; i++) {
      const date = receivedOnOf(small, i)
      expect(date >= lastDate).toBe(true)
      lastDate = date
      const key = `${date.slice(0, 4)}:${sequenceOf(small, i)}`
      expect(seen.has(key), key).toBe(false)
      seen.add(key)
      expect(sequenceOf(small, i)).toBeGreaterThanOrEqual(1)
    }
  })

  it('give realistic volumes: about 1 KB of text, searchable names, some overdue cases and group disputes', () => {
    let text = 0
    let overdue = 0
    let group = 0
    let rare = 0
    const n = 2_000
    for (let k = 0; k < n; k++) {
      const { case: c, parties, session } = generateCaseBundle(7, k * 50, world)
      text += 2 * (c.facts.length + (session?.notes.length ?? 0))
      if (c.dueOn && isDeadlineRunning(c.status) && c.dueOn < world.today) overdue++
      if (parties.length === 13) group++
      if (parties.some((p) => /[堃珺喆赟䶮𠮷]/u.test(p.name))) rare++
      if (k < 50) {
        // The first applicant (always a person) is found by name and by pinyin initials.
        const digest = digestOf(c, parties)
        const name = parties[0]!.name
        expect(digestSearch(name)(digest), name).toBe('match')
        expect(
          digestSearch(
            namePinyin(name)
              .map((s) => s[0])
              .join(''),
          )(digest),
          name,
        ).toBe('match')
      }
    }
    expect(text / n).toBeGreaterThan(900)
    expect(text / n).toBeLessThan(2_000)
    expect(overdue).toBeGreaterThan(0)
    expect(group).toBeGreaterThan(0)
    expect(rare).toBeGreaterThan(0)
  })

  it('refuse an index outside the data set', () => {
    expect(() => generateCaseBundle(1, world.total, world)).toThrow(RangeError)
    expect(() => generateCaseBundle(1, -1, world)).toThrow(RangeError)
  })

  it('come with a first-run setup that passes the setup validation', () => {
    expect(validateSetup(benchSetupInput(1)).ok).toBe(true)
  })
})

describe('seeded random source', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const a = seededRandom(s)
        const b = seededRandom(s)
        for (let i = 0; i < 20; i++) {
          const x = a()
          expect(x).toBe(b())
          expect(x >= 0 && x < 1).toBe(true)
        }
      }),
    )
  })

  it('gives different item seeds for neighbouring indices', () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => itemSeed(42, i)))
    expect(seeds.size).toBe(10_000)
  })
})
