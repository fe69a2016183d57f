/**
 * The party form (src/domain/intake.ts `PartyInput`): what a new party starts with, and a stored party
 * as the form edits it (absent fields as empty text).
 */
import type { Party, PartyRole } from './types'
import type { PartyInput } from './intake'

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
    idNumber: '',
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
    idNumber: p.idNumber ?? '',
    occupation: p.occupation ?? '',
    creditCode: p.creditCode ?? '',
    legalRep: p.legalRep ?? '',
  }
}
