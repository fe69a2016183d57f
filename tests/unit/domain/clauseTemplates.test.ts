/**
 * Clause templates for every category a new committee starts with (categories.ts): each category is
 * offered one of its own, and a template applied to a case fills in who owes whom, leaving only the
 * blanks written into it (each a well-formed 【…】, which the checklist refuses to print), so that a
 * mediator who fills those blanks, the amount and the deadline gets an agreement with none left.
 */
import { describe, expect, it } from 'vitest'
import { applyTemplate, CLAUSE_TEMPLATES, clauseText, type ClauseTemplate } from '../../../src/domain/clauses'
import { DEFAULT_CATEGORIES } from '../../../src/domain/categories'
import type { Clause, Party } from '../../../src/domain/types'

const STAMP = '2026-06-01T00:00:00.000Z'
function party(id: string, role: Party['role'], name: string, order: number): Party {
  return { id, createdAt: STAMP, updatedAt: STAMP, caseId: 'case-1', role, kind: 'person', name, order, agents: [] }
}
const PARTIES = [party('a', '申请人', '孙立新', 0), party('r', '被申请人', '周卫东', 1)]

/** The blanks of a text, read here by hand: what stands between each 【 and the next 】. */
function blanks(text: string): string[] {
  const found: string[] = []
  let from = text.indexOf('【')
  while (from >= 0) {
    const to = text.indexOf('】', from)
    found.push(to < 0 ? text.slice(from + 1) : text.slice(from + 1, to))
    from = to < 0 ? -1 : text.indexOf('【', to)
  }
  return found
}

/** A clause as a mediator completes it: amount and deadline given, the template's blanks written over. */
function completed(clause: Clause): Clause {
  const fill = (text: string) => text.replace(/【[^】]*】/g, '某某')
  const done: Clause = { ...clause, action: fill(clause.action), dueOn: '2027-01-10' }
  if (clause.text !== undefined) done.text = fill(clause.text)
  if (clause.kind === 'payment') done.amountFen = 800_000
  return done
}

function applied(template: ClauseTemplate): Clause[] {
  let n = 0
  return applyTemplate(template, PARTIES, () => `c${n++}`)
}

describe('clause templates', () => {
  it.each(DEFAULT_CATEGORIES)('%s has a template of its own', (category) => {
    expect(CLAUSE_TEMPLATES.filter((t) => t.categories.includes(category)).map((t) => t.name)).not.toEqual([])
  })

  describe.each(CLAUSE_TEMPLATES.map((t) => [t.name, t] as const))('%s', (_name, template) => {
    it('has well-formed, named blanks', () => {
      const texts = [template.performanceTerms, ...template.clauses.flatMap((c) => [c.action, c.text ?? ''])]
      for (const text of texts) {
        expect(text.split('【').length, text).toBe(text.split('】').length)
        for (const blank of blanks(text)) {
          expect(blank, text).not.toBe('')
          expect(blank, text).not.toMatch(/[【】]/)
        }
      }
      expect(template.clauses.length).toBeGreaterThan(0)
    })

    it('names the parties; only its own blanks are left', () => {
      const clauses = applied(template)
      clauses.forEach((clause, i) => {
        const draft = template.clauses[i]
        const printed = clauseText({ ...clause, dueOn: '2027-01-10', amountFen: 800_000 }, PARTIES)
        expect(printed).not.toContain('【当事人】')
        if (draft?.direction === 'respondentToApplicant') expect(printed).toMatch(/周卫东.*孙立新|^周卫东/)
        if (draft?.direction === 'applicantToRespondent') expect(printed).toMatch(/孙立新.*周卫东|^孙立新/)
        expect(blanks(printed)).toEqual(blanks(draft?.kind === 'free' ? (draft.text ?? '') : (draft?.action ?? '')))
      })
    })

    it('filled in, prints with no blank left', () => {
      for (const clause of applied(template).map(completed)) {
        const printed = clauseText(clause, PARTIES)
        expect(blanks(printed), printed).toEqual([])
        if (clause.kind !== 'free') expect(printed).toContain('2027年1月10日')
      }
    })
  })
})
