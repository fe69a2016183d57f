import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isFactsQuery, matchesFacts } from '../../../src/domain/search'

const FACT_CHARS = [
  '化',
  '粪',
  '池',
  '渗',
  '漏',
  '邻',
  '居',
  '院',
  '墙',
  '欠',
  '款',
  '工',
  '资',
  '𠮷',
  '，',
  '。',
  '“',
  '”',
] as const
const HAN = FACT_CHARS.filter((ch) => /\p{Script=Han}/u.test(ch))
const SPACES = [' ', '\u3000', '\n', '\t'] as const

/** Facts as mediators write them: Chinese characters and punctuation, with stray spaces and line breaks. */
const factsArb = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...FACT_CHARS) },
      { weight: 1, arbitrary: fc.constantFrom(...SPACES) },
    ),
    { maxLength: 60 },
  )
  .map((a) => a.join(''))

/** A run of code points of the facts without spaces, starting on a Chinese character, 2+ long. */
function phraseOf(facts: string): fc.Arbitrary<string | undefined> {
  const chars = Array.from(facts.replace(/\s+/g, ''))
  const starts = chars.flatMap((ch, i) => (/\p{Script=Han}/u.test(ch) && i + 1 < chars.length ? [i] : []))
  if (starts.length === 0) return fc.constant(undefined)
  return fc
    .tuple(fc.constantFrom(...starts), fc.nat())
    .map(([start, n]) => chars.slice(start, start + 2 + (n % (chars.length - start - 1))).join(''))
}

describe('finding a case by its facts', () => {
  const c = { facts: '申请人家中化粪池渗漏，污水流入被申请人院内，双方多次协商未果。' }

  it('finds a phrase of two characters or more written in the facts', () => {
    expect(matchesFacts(c, '化粪池')).toBe(true)
    expect(matchesFacts(c, '污水流入')).toBe(true)
    expect(matchesFacts(c, '渗漏，污水')).toBe(true)
    expect(matchesFacts(c, '化粪 池')).toBe(true)
  })

  it('finds nothing the facts do not say', () => {
    expect(matchesFacts(c, '拖欠工资')).toBe(false)
    expect(matchesFacts(c, '池化粪')).toBe(false)
  })

  it('does not look in the facts for one character, digits, pinyin or mixed input', () => {
    expect(matchesFacts(c, '池')).toBe(false)
    expect(matchesFacts({ facts: '借款2000元' }, '2000')).toBe(false)
    expect(matchesFacts({ facts: 'hfc 化粪池' }, 'hfc')).toBe(false)
    expect(matchesFacts({ facts: '借款2000元' }, '借款2000')).toBe(false)
    expect(matchesFacts(c, '')).toBe(false)
    expect(isFactsQuery('池')).toBe(false)
    expect(isFactsQuery('化粪池')).toBe(true)
    expect(isFactsQuery(' 化 粪 ')).toBe(true)
    expect(isFactsQuery('hfc')).toBe(false)
  })

  it('counts a character outside the basic plane as one', () => {
    expect(isFactsQuery('𠮷')).toBe(false)
    expect(matchesFacts({ facts: '王𠮷家门口' }, '王𠮷')).toBe(true)
  })

  it('property: any phrase of the facts (spaces dropped) is found, however it was spaced in the facts', () => {
    fc.assert(
      fc.property(
        factsArb.chain((facts) => phraseOf(facts).map((phrase) => ({ facts, phrase }))),
        ({ facts, phrase }) => {
          fc.pre(phrase !== undefined)
          expect(matchesFacts({ facts }, phrase!)).toBe(true)
        },
      ),
    )
  })

  it('property: a phrase is found exactly when the facts without spaces contain it', () => {
    const phraseArb = fc.array(fc.constantFrom(...HAN), { minLength: 2, maxLength: 4 }).map((a) => a.join(''))
    fc.assert(
      fc.property(factsArb, phraseArb, (facts, phrase) => {
        expect(matchesFacts({ facts }, phrase)).toBe(facts.replace(/\s+/g, '').includes(phrase))
      }),
    )
  })

  it('property: spaces typed in the query or added to the facts do not change the answer', () => {
    const phraseArb = fc.array(fc.constantFrom(...HAN), { minLength: 2, maxLength: 4 })
    fc.assert(
      fc.property(factsArb, phraseArb, fc.constantFrom(...SPACES), (facts, chars, space) => {
        const plain = matchesFacts({ facts }, chars.join(''))
        expect(matchesFacts({ facts }, chars.join(space))).toBe(plain)
        expect(matchesFacts({ facts: Array.from(facts).join(space) }, chars.join(''))).toBe(plain)
      }),
    )
  })

  it('property: a single character, a number or latin letters never search the facts', () => {
    const notFactsArb = fc.oneof(
      fc.constantFrom(...HAN),
      fc.stringMatching(/^\d{1,8}$/),
      fc.stringMatching(/^[a-z]{1,6}$/),
    )
    fc.assert(
      fc.property(factsArb, notFactsArb, (facts, query) => {
        expect(matchesFacts({ facts: `${facts}${query}${facts}` }, query)).toBe(false)
      }),
    )
  })
})
