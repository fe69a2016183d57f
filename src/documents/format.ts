/** Small text helpers shared by the builders: nothing here ever prints "undefined". */
import { formatChineseDate } from '../domain/clauses'
import { localDate } from '../domain/dates'
import type { Agent, CaseBundle, IdDocumentType, Mediator, Party, UUID } from '../domain/types'
import { documentTypeOf } from '../domain/idDocuments'
import { ID_NUMBER_LABELS } from '../domain/labels'

export { formatChineseDate }

/** A bundle does not hold what a document needs (e.g. 不予受理通知书 for an accepted case). */
export class DocumentDataError extends Error {}

/** Punctuation that ends or breaks a sentence, as a typed reason may end with it. */
const TRAILING_PUNCTUATION = /[\s。．.，,；;：:、！!？?]+$/u

/**
 * Typed text placed inside a sentence ("因${reason}，本委员会…"): without the full stop or comma it was
 * typed with, so the sentence does not read "受理范围。，本委员会".
 */
export function asClause(text: string): string {
  return text.replace(TRAILING_PUNCTUATION, '')
}

/** Typed text that ends a sentence: with one full stop, whatever it was typed with. */
export function asSentence(text: string): string {
  const clause = asClause(text)
  if (clause === '') return clause
  // a question or an exclamation already ends the sentence
  return /[！!？?]$/u.test(text.trimEnd()) ? text.trimEnd() : `${clause}。`
}

/** The value, or a blank line to write on by hand. */
export function orBlank(value: string | undefined | null, blank = '＿＿＿＿＿＿'): string {
  return value === undefined || value === null || value.trim() === '' ? blank : value
}

/** An ISO date, or an instant's date in China, as 2026年11月20日; or blanks to fill by hand. */
export function dateOrBlank(iso: string | undefined): string {
  return iso ? formatChineseDate(localDate(iso)) : '　　　　年　　月　　日'
}

/** 2026-11-10T06:00:00Z -> 2026年11月10日 14时00分 (China Standard Time, UTC+8, no DST). */
export function formatChineseDateTime(isoInstant: string): string {
  const t = new Date(Date.parse(isoInstant) + 8 * 3_600_000)
  if (Number.isNaN(t.getTime())) return isoInstant
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}时${pad(t.getUTCMinutes())}分`
}

export function mediatorsByIds(bundle: CaseBundle, ids: readonly UUID[]): Mediator[] {
  return ids.map((id) => bundle.mediators.find((m) => m.id === id)).filter((m): m is Mediator => m !== undefined)
}

export function namesOf(people: readonly { name: string }[]): string {
  return people.map((p) => p.name).join('、')
}

export function partiesByRole(bundle: CaseBundle, role: Party['role']): Party[] {
  return bundle.parties.filter((p) => p.role === role).sort((a, b) => a.order - b.order)
}

export function orderedParties(bundle: CaseBundle): Party[] {
  return [...bundle.parties].sort((a, b) => a.order - b.order)
}

/** '王𠮷等12人' for long lists, the full list otherwise. */
export function shortPartyList(parties: readonly Party[], max = 3): string {
  if (parties.length <= max) return namesOf(parties)
  return `${parties[0]?.name ?? ''}等${parties.length}人`
}

/**
 * A piece of a party's paragraph: plain text, or an ID or phone number (printed in full; a screen shows
 * it masked, with a logged reveal). An agent's number belongs to the agent of that party.
 */
export type PartyTextPart =
  { text: string } | { number: string; field: 'idNumber' | 'phone'; idType: IdDocumentType; entity: 'party' | 'agent' }

const text = (t: string): PartyTextPart => ({ text: t })

/** Items joined with a separator, each item one or more parts. */
function joined(items: readonly PartyTextPart[][], separator: string): PartyTextPart[] {
  return items.flatMap((item, i) => (i === 0 ? item : [text(separator), ...item]))
}

/** One paragraph describing a party, as judgments and agreements write it, in parts (see describeParty). */
export function describePartyParts(p: Party): PartyTextPart[] {
  const phone = (of: Party | Agent, entity: 'party' | 'agent'): PartyTextPart[] =>
    of.phone ? [text('电话'), { number: of.phone, field: 'phone', idType: documentTypeOf(of), entity }] : []
  const idNumber = (of: Party | Agent, entity: 'party' | 'agent'): PartyTextPart[] =>
    of.idNumber
      ? [
          // the document's name with its number: 公民身份号码110…, 护照号码E12345678, 港澳居民来往内地通行证号码H…
          text(ID_NUMBER_LABELS[documentTypeOf(of)]),
          { number: of.idNumber, field: 'idNumber', idType: documentTypeOf(of), entity },
        ]
      : []
  const items: PartyTextPart[][] = [[text(p.name)]]
  if (p.kind === 'org') {
    if (p.creditCode) items.push([text(`统一社会信用代码${p.creditCode}`)])
    if (p.address) items.push([text(`住所${p.address}`)])
    if (p.phone) items.push(phone(p, 'party'))
    const parts = [...joined(items, '，'), text('。')]
    if (p.legalRep) parts.push(text(`法定代表人：${p.legalRep}。`))
    return [...parts, ...agentParts(p, phone, idNumber)]
  }
  if (p.gender) items.push([text(p.gender)])
  if (p.ethnicity) items.push([text(p.ethnicity)])
  if (p.birthDate) items.push([text(`${formatChineseDate(p.birthDate)}出生`)])
  if (p.occupation) items.push([text(p.occupation)])
  if (p.idNumber) items.push(idNumber(p, 'party'))
  if (p.address) items.push([text(`住${p.address}`)])
  if (p.phone) items.push(phone(p, 'party'))
  return [...joined(items, '，'), text('。'), ...agentParts(p, phone, idNumber)]
}

type NumberParts = (of: Agent, entity: 'agent') => PartyTextPart[]

function agentParts(p: Party, phone: NumberParts, idNumber: NumberParts): PartyTextPart[] {
  return p.agents.flatMap((a) => {
    const extra = [phone(a, 'agent'), idNumber(a, 'agent')].filter((item) => item.length > 0)
    const relationship = a.relationship ? `（${p.name}的${a.relationship}）` : ''
    const head = text(`${a.kind || '代理人'}：${a.name}${relationship}`)
    return [...joined([[head], ...extra], '，'), text('。')]
  })
}

/** One paragraph describing a party, as judgments and agreements write it (numbers in full). */
export function describeParty(p: Party): string {
  return describePartyParts(p)
    .map((part) => ('text' in part ? part.text : part.number))
    .join('')
}
