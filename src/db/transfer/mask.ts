/** Masking of personal numbers in rows leaving the machine (PIPL Art. 51): IDs and phones. */
import { maskIdNumber, maskPersonalNumbersInText, maskPhone } from '../../domain/masking'
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

/** Keys whose values are identifiers, hashes, signatures or index keys: never free text. */
const NOT_TEXT = /^(id|.*Id|.*Ids|hash|prevHash|.*Hash|signature|keyId|verifyCode|chainHead|image|dataBase64|sha256)$/

/**
 * Every free-text string in a row (facts, notes, addresses, statements…) with the ID numbers and
 * mobiles typed into it masked. Identifiers, hashes and data URLs are left alone.
 */
export function maskFreeText<T>(row: T): T {
  return maskValue(row, '') as T
}

function maskValue(value: unknown, key: string): unknown {
  if (NOT_TEXT.test(key)) return value
  if (typeof value === 'string') return value.startsWith('data:') ? value : maskPersonalNumbersInText(value)
  if (Array.isArray(value)) return value.map((v) => maskValue(v, ''))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, k)]))
  }
  return value
}
