import type { UUID } from './types'

/** Whom the report is about (src/domain/statistics.ts), also carried in a link to a figure (./reportLink.ts). */
export type ReportScope =
  | { kind: 'committee' }
  | { kind: 'room'; roomId: UUID }
  /** every case the mediator is assigned to (a case with two mediators counts for each) */
  | { kind: 'mediator'; mediatorId: UUID }
