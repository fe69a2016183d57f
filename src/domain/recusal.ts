/**
 * 回避: a mediator who shares a name, an ID number or an address with a party (or a party's agent) is
 * flagged at assignment. The flag asks a person to decide; it does not block.
 */
import type { Mediator, Party } from './types'
import { sameAddress, sameCode, sameName } from './personMatch'

export type RecusalReason = 'name' | 'idNumber' | 'address'

const REASON_LABELS: Record<RecusalReason, string> = { name: '姓名相同', idNumber: '身份证号相同', address: '住址相同' }

export interface RecusalFlag {
  mediatorId: string
  partyId: string
  /** the party, or the agent of the party, who matched */
  personName: string
  reasons: RecusalReason[]
  message: string
}

export type RecusalMediator = Pick<Mediator, 'id' | 'name' | 'idNumber' | 'address'>
export type RecusalParty = Pick<Party, 'id' | 'name' | 'idNumber' | 'address' | 'agents'>

export function recusalFlags(mediators: readonly RecusalMediator[], parties: readonly RecusalParty[]): RecusalFlag[] {
  const flags: RecusalFlag[] = []
  for (const m of mediators) {
    for (const p of parties) {
      const people = [
        { name: p.name, idNumber: p.idNumber, address: p.address, role: '当事人' },
        ...p.agents.map((a) => ({
          name: a.name,
          idNumber: a.idNumber,
          address: undefined,
          role: `当事人${p.name}的代理人`,
        })),
      ]
      for (const person of people) {
        const reasons: RecusalReason[] = []
        if (sameName(m.name, person.name)) reasons.push('name')
        if (sameCode(m.idNumber, person.idNumber)) reasons.push('idNumber')
        if (sameAddress(m.address, person.address)) reasons.push('address')
        if (reasons.length === 0) continue
        flags.push({
          mediatorId: m.id,
          partyId: p.id,
          personName: person.name,
          reasons,
          message: `调解员${m.name}与${person.role}${person.name}${reasons.map((r) => REASON_LABELS[r]).join('、')}，请确认是否需要回避`,
        })
      }
    }
  }
  return flags
}
