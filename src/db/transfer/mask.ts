/** Masking of personal numbers in rows leaving the machine (PIPL Art. 51): IDs and phones. */
import { maskIdNumber, maskPhone } from '../../domain/masking'
import type { Agent } from '../../domain/types'
import type { TransferRow } from './recordSchemas'

function maskAgent(agent: Agent): Agent {
  return {
    ...agent,
    ...(agent.phone === undefined ? {} : { phone: maskPhone(agent.phone) }),
    ...(agent.idNumber === undefined ? {} : { idNumber: maskIdNumber(agent.idNumber) }),
  }
}

export function maskParty(party: TransferRow<'parties'>): TransferRow<'parties'> {
  return {
    ...party,
    ...(party.phone === undefined ? {} : { phone: maskPhone(party.phone) }),
    ...(party.idNumber === undefined ? {} : { idNumber: maskIdNumber(party.idNumber) }),
    agents: party.agents.map(maskAgent),
  }
}

export function maskMediator(mediator: TransferRow<'mediators'>): TransferRow<'mediators'> {
  return {
    ...mediator,
    phone: maskPhone(mediator.phone),
    ...(mediator.idNumber === undefined ? {} : { idNumber: maskIdNumber(mediator.idNumber) }),
  }
}
