/**
 * A case's report facts copied into one reused object of a fixed shape, before the report's columns look
 * at them. The case index rebuilds each digest from its stored row field by field, leaving out absent
 * ones (caseDigest.ts `fromTuple`), so most digests in memory are hash-table objects: every field read
 * is a lookup. A report asks a case's fields dozens of times (each column reads the dates it is tied
 * to); reading each once into this copy makes the rest plain loads. The copy is the same facts (absent
 * fields are undefined), so the columns decide exactly as on the case itself.
 */
import type { ReportFacts } from './reportFacts'

/** A fresh copy target; reuse it for every case of a pass and keep nothing of it. */
export function factsScratch(): ReportFacts {
  return {
    id: '',
    status: 'intake',
    category: '',
    roomId: '',
    source: '其他',
    mediatorIds: [],
    acceptedOn: undefined,
    outcome: undefined,
    outcomeOn: undefined,
    closedOn: undefined,
    deadline: undefined,
    inTime: undefined,
    amountFen: undefined,
    people: undefined,
    performance: undefined,
    prevention: undefined,
    screeningId: undefined,
    jcAppliedOn: undefined,
    jcConfirmedOn: undefined,
  }
}

/** Copies every fact of `c` into `into` (from factsScratch) and gives it back. */
export function copyFacts(c: ReportFacts, into: ReportFacts): ReportFacts {
  into.id = c.id
  into.status = c.status
  into.category = c.category
  into.roomId = c.roomId
  into.source = c.source
  into.mediatorIds = c.mediatorIds
  into.acceptedOn = c.acceptedOn
  into.outcome = c.outcome
  into.outcomeOn = c.outcomeOn
  into.closedOn = c.closedOn
  into.deadline = c.deadline
  into.inTime = c.inTime
  into.amountFen = c.amountFen
  into.people = c.people
  into.performance = c.performance
  into.prevention = c.prevention
  into.screeningId = c.screeningId
  into.jcAppliedOn = c.jcAppliedOn
  into.jcConfirmedOn = c.jcConfirmedOn
  return into
}
