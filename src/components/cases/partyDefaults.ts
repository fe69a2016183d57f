import type { Party, PartyRole } from '../../domain/types'
import type { PartyInput } from '../../domain/intake'

export function emptyParty(role: PartyRole = '申请人', kind: 'person' | 'org' = 'person'): PartyInput {
  return { role, kind, name: '', phone: '', address: '', agents: [], gender: '', ethnicity: '汉族', birthDate: '', idNumber: '', occupation: '', creditCode: '', legalRep: '' }
}

/** A stored party as the editable form shape. */
export function partyToInput(p: Party): PartyInput {
  return {
    ...emptyParty(p.role, p.kind),
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

export const ROLE_OPTIONS = (['申请人', '被申请人', '第三人'] as const).map((r) => ({ label: r, value: r }))
