/**
 * 矛盾纠纷排查 (screening) rounds: what a round must hold, how the 排查 page finds one, and how a case
 * names the round that found it. How rounds count in the monthly report is in statistics.ts.
 */
import type { CaseRecord, CaseSource, ScreeningKind, ScreeningRound, UUID } from './types'
import type { FieldErrors, Validation } from './settings'
import { readTypedDate } from './typedDate'
import { charCount } from './text'
import { SCREENING_KIND_LABELS } from './labels'

export const SCREENING_KINDS: readonly ScreeningKind[] = ['regular', 'special', 'holiday', 'other']

/** The source of a case that can name its round. */
export const SCREENING_SOURCE: CaseSource = '主动排查'

export const MAX_AREA_CHARS = 60
export const MAX_NOTE_CHARS = 2000
export const MAX_PARTICIPANTS = 50
/** Disputes one round can find: beyond this a typing slip is more likely than a real count. */
export const MAX_FOUND = 10_000

/** The form of a round as typed. */
export interface ScreeningInput {
  heldOn: string
  area: string
  kind: ScreeningKind | ''
  mediatorIds: UUID[]
  /** others who took part, separated by 、 ， , ； or spaces */
  participantsText: string
  /** null: left empty */
  found: number | null
  note: string
}

/** What is stored of a round besides its id and stamps. */
export type ScreeningFields = Omit<ScreeningRound, 'id' | 'createdAt' | 'updatedAt'>

export function emptyScreeningInput(today: string): ScreeningInput {
  return { heldOn: today, area: '', kind: 'regular', mediatorIds: [], participantsText: '', found: null, note: '' }
}

export function screeningInputOf(round: ScreeningRound): ScreeningInput {
  return {
    heldOn: round.heldOn,
    area: round.area,
    kind: round.kind,
    mediatorIds: [...round.mediatorIds],
    participantsText: round.participants.join('、'),
    found: round.found,
    note: round.note,
  }
}

/** The names typed in 其他参加人员, in order, each once. */
export function parseParticipants(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、，,；;\s]+/u)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}

/**
 * Checks a round; every problem at once, keyed by field. `linkedCases` is the number of cases already
 * naming the round: a round cannot have found fewer disputes than became cases.
 */
export function validateScreening(input: ScreeningInput, today: string, linkedCases = 0): Validation<ScreeningFields> {
  const errors: FieldErrors = {}
  const held = readTypedDate(input.heldOn)
  const heldOn = held.ok ? held.date : ''
  if (!held.ok) errors.heldOn = `排查日期：${held.message}`
  else if (!heldOn) errors.heldOn = '请填写排查日期'
  else if (heldOn > today) errors.heldOn = '排查日期不能晚于今天'

  const area = input.area.trim()
  if (!area) errors.area = '请填写排查区域（村、社区或网格）'
  else if (charCount(area) > MAX_AREA_CHARS) errors.area = `排查区域不能超过${MAX_AREA_CHARS}个字`

  if (!SCREENING_KINDS.includes(input.kind as ScreeningKind)) errors.kind = '请选择排查类型'

  const mediatorIds = [...new Set(input.mediatorIds)]
  const participants = parseParticipants(input.participantsText)
  if (mediatorIds.length === 0 && participants.length === 0) errors.participants = '请选择或填写参加排查的人员'
  else if (participants.length > MAX_PARTICIPANTS) errors.participants = `其他参加人员不能超过${MAX_PARTICIPANTS}人`
  else if (participants.some((p) => charCount(p) > 30)) errors.participants = '每位参加人员的姓名不能超过30个字'

  const found = input.found
  if (found === null || typeof found !== 'number' || Number.isNaN(found))
    errors.found = '请填写发现的矛盾纠纷数，没有发现请填0'
  else if (found < 0) errors.found = '发现的矛盾纠纷数不能为负数'
  else if (!Number.isInteger(found)) errors.found = '发现的矛盾纠纷数应为整数'
  else if (found > MAX_FOUND) errors.found = '发现的矛盾纠纷数过大，请核对'
  else if (found < linkedCases)
    errors.found = `已有${linkedCases}件案件由本次排查登记，发现的矛盾纠纷数不能少于${linkedCases}`

  const note = input.note.trim()
  if (charCount(note) > MAX_NOTE_CHARS) errors.note = `备注不能超过${MAX_NOTE_CHARS}字`

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: { heldOn, area, kind: input.kind as ScreeningKind, mediatorIds, participants, found: found!, note },
  }
}

// ---------------------------------------------------------------------------------------------------
// Cases found by a round

/** The round a case names, kept only when its source is 主动排查 and a round was chosen. */
export function screeningLinkOf(source: CaseSource, screeningId: string | undefined): UUID | undefined {
  return source === SCREENING_SOURCE && screeningId ? screeningId : undefined
}

/** 转为案件: the cases that name the round (derived, never typed). */
export function casesOfRound<C extends Pick<CaseRecord, 'screeningId'>>(cases: readonly C[], roundId: UUID): C[] {
  return cases.filter((c) => c.screeningId === roundId)
}

/** How many cases name each round. */
export function linkedCounts(cases: readonly Pick<CaseRecord, 'screeningId'>[]): Map<UUID, number> {
  const counts = new Map<UUID, number>()
  for (const c of cases) if (c.screeningId) counts.set(c.screeningId, (counts.get(c.screeningId) ?? 0) + 1)
  return counts
}

/** A round in one line, as the case's select and the case page show it: “2026-11-05 东村 定期排查”. */
export function screeningTitle(round: Pick<ScreeningRound, 'heldOn' | 'area' | 'kind'>): string {
  return `${round.heldOn} ${round.area} ${SCREENING_KIND_LABELS[round.kind]}`
}

/** Rounds a case's select offers: the newest first (at most `limit`), plus the one it names already. */
export function roundChoices<R extends Pick<ScreeningRound, 'id' | 'heldOn' | 'createdAt'>>(
  rounds: readonly R[],
  current: UUID | undefined,
  limit = 30,
): R[] {
  const sorted = newestFirst(rounds)
  const recent = sorted.slice(0, limit)
  const named = current === undefined ? undefined : sorted.find((r) => r.id === current)
  return named && !recent.includes(named) ? [...recent, named] : recent
}

// ---------------------------------------------------------------------------------------------------
// The 排查 page's list

/** The newest round first; rounds of one day by when they were entered, newest first. */
export function newestFirst<R extends Pick<ScreeningRound, 'heldOn' | 'createdAt'>>(rounds: readonly R[]): R[] {
  return [...rounds].sort((a, b) =>
    a.heldOn !== b.heldOn ? (a.heldOn < b.heldOn ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  )
}

/** Everyone who took part, as the list shows them: the mediators by name, then the others. */
export function participantNames(
  round: Pick<ScreeningRound, 'mediatorIds' | 'participants'>,
  mediatorName: (id: UUID) => string,
): string[] {
  return [...round.mediatorIds.map(mediatorName), ...round.participants]
}

export interface ScreeningFilter {
  /** words looked for in the area, the note and the participants' names; all must be found */
  search?: string
  /** the days held, both ends included ('YYYY-MM-DD'); either may be absent */
  from?: string
  to?: string
}

/** Whether a round answers the search: each word (split by spaces) is in the area, the note or a name. */
export function matchesScreeningSearch(
  round: Pick<ScreeningRound, 'area' | 'note' | 'mediatorIds' | 'participants'>,
  search: string,
  mediatorName: (id: UUID) => string,
): boolean {
  const words = search.trim().toLowerCase().split(/\s+/u).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [round.area, round.note, ...participantNames(round, mediatorName)].join('\n').toLowerCase()
  return words.every((w) => haystack.includes(w))
}

/** The rounds the list shows for a filter, newest first. */
export function filterScreenings<R extends ScreeningRound>(
  rounds: readonly R[],
  filter: ScreeningFilter,
  mediatorName: (id: UUID) => string,
): R[] {
  return newestFirst(
    rounds.filter(
      (r) =>
        (!filter.from || r.heldOn >= filter.from) &&
        (!filter.to || r.heldOn <= filter.to) &&
        matchesScreeningSearch(r, filter.search ?? '', mediatorName),
    ),
  )
}
