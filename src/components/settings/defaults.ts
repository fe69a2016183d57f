import type { CommitteeInput, MediatorInput } from '../../domain/settings'
import { DEFAULT_CASE_NUMBER_PATTERN, DEFAULT_DEADLINE_DAYS } from '../../domain/settings'

export function emptyCommittee(): CommitteeInput {
  return {
    fullName: '',
    shortName: '',
    address: '',
    phone: '',
    caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN,
    defaultDeadlineDays: DEFAULT_DEADLINE_DAYS,
  }
}

export function emptyMediator(): MediatorInput {
  return {
    key: crypto.randomUUID(),
    name: '',
    gender: '',
    phone: '',
    certificateNo: '',
    role: '调解员',
    active: true,
    idNumber: '',
  }
}
