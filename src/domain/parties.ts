/**
 * The party form (`PartyInput`, validated by intake.ts): what a new party starts with, and a stored party
 * as the form edits it (absent fields as empty text). Also what a party's age decides: 周岁 on the day
 * the case is accepted, who is a minor, and who must be recorded beside a minor (a 监护人, who is the
 * minor's 法定代理人 under 民法典 Art. 23).
 */
import type { Agent, CaseFlag, CaseRecord, Gender, IdDerivedField, IdDocumentType, Party, PartyRole } from './types'
import { ageOn } from './idNumber'
import { isIsoDate } from './dates'

/** The party form as typed (intake and the parties tab); validated by `validateParty` in intake.ts. */
export interface PartyInput {
  /** present when editing a stored party */
  id?: string
  role: PartyRole
  kind: 'person' | 'org'
  name: string
  phone: string
  address: string
  agents: Agent[]
  gender?: Gender | ''
  ethnicity?: string
  birthDate?: string
  /** '' or absent: 居民身份证 */
  idType?: IdDocumentType | ''
  idNumber?: string
  /** gender/birth date the user confirmed as differing from the 身份证 number (更正) */
  correctedFromId?: IdDerivedField[]
  occupation?: string
  creditCode?: string
  legalRep?: string
}

/** A new, empty party of this role and kind; 汉族 is offered as the usual ethnicity. */
export function newPartyInput(role: PartyRole = '申请人', kind: 'person' | 'org' = 'person'): PartyInput {
  return {
    role,
    kind,
    name: '',
    phone: '',
    address: '',
    agents: [],
    gender: '',
    ethnicity: '汉族',
    birthDate: '',
    idType: 'resident',
    idNumber: '',
    correctedFromId: [],
    occupation: '',
    creditCode: '',
    legalRep: '',
  }
}

/** A stored party as the editable form shape. */
export function partyToInput(p: Party): PartyInput {
  return {
    ...newPartyInput(p.role, p.kind),
    id: p.id,
    name: p.name,
    phone: p.phone ?? '',
    address: p.address ?? '',
    agents: p.agents.map((a) => ({ ...a })),
    gender: p.gender ?? '',
    ethnicity: p.ethnicity ?? '',
    birthDate: p.birthDate ?? '',
    // none recorded: a 居民身份证 (parties stored before document types)
    idType: p.idType ?? 'resident',
    idNumber: p.idNumber ?? '',
    correctedFromId: [...(p.correctedFromId ?? [])],
    occupation: p.occupation ?? '',
    creditCode: p.creditCode ?? '',
    legalRep: p.legalRep ?? '',
  }
}

/** Age of majority (民法典 Art. 17). */
export const ADULT_AGE = 18

/** The day ages are counted on: the acceptance date, or the intake date before a case is accepted. */
export function ageReferenceDate(c: Pick<CaseRecord, 'acceptedOn' | 'receivedOn'>): string {
  return c.acceptedOn ?? c.receivedOn
}

/** 周岁 on `onDate` ('YYYY-MM-DD'); undefined for an organisation or without a usable birth date. */
export function ageInFullYears(p: { kind: Party['kind']; birthDate?: string }, onDate: string): number | undefined {
  if (p.kind !== 'person' || !p.birthDate || !isIsoDate(p.birthDate) || !isIsoDate(onDate)) return undefined
  if (p.birthDate > onDate) return undefined
  return ageOn(p.birthDate, onDate)
}

/** "15周岁", or '' when the age is unknown. */
export function ageText(p: { kind: Party['kind']; birthDate?: string }, onDate: string): string {
  const age = ageInFullYears(p, onDate)
  return age === undefined ? '' : `${age}周岁`
}

export function isMinorOn(p: { kind: Party['kind']; birthDate?: string }, onDate: string): boolean {
  const age = ageInFullYears(p, onDate)
  return age !== undefined && age < ADULT_AGE
}

/** The agent kind a 监护人 is recorded under. */
export const GUARDIAN_KIND = '法定代理人'

/** A party's 监护人/法定代理人 with a name, if one is recorded. */
export function guardiansOf(p: { agents: readonly Agent[] }): Agent[] {
  return p.agents.filter((a) => a.kind === GUARDIAN_KIND && a.name.trim() !== '')
}

export const MINOR_FLAG: CaseFlag = '涉及未成年人'

/**
 * The case flags with 涉及未成年人 added when a party is under 18 on `onDate`. Only ever added: the flag
 * may have been set by hand for a minor who is not a party (a child in a family dispute).
 */
export function withMinorFlag(
  flags: readonly CaseFlag[],
  parties: readonly { kind: Party['kind']; birthDate?: string }[],
  onDate: string,
): CaseFlag[] {
  if (flags.includes(MINOR_FLAG) || !parties.some((p) => isMinorOn(p, onDate))) return [...flags]
  return [...flags, MINOR_FLAG]
}
