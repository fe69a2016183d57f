/**
 * The names of the rooms and mediators a case (a session, a visit, a report row) names, as this PC can tell
 * them. Rooms and mediators are never removed here (停用 keeps them, with their names), and they do not
 * replicate between PCs yet: an id this PC does not know comes from another PC (a case synced from the
 * committee's server, or brought by a transfer file), so it reads 其他电脑的调解员 / 其他电脑的调解室. Never
 * （已删除）, which would be false, and never the id, which means nothing to a person.
 *
 * Kept apart from labels.ts (the settings store, on the first screen, reads it) with its one map here.
 */
import type { UUID } from './types'

export type RosterKind = 'room' | 'mediator'

/** A room or mediator this PC knows of another PC's, by its kind. */
export const UNKNOWN_ROSTER_LABELS: Record<RosterKind, string> = {
  room: '其他电脑的调解室',
  mediator: '其他电脑的调解员',
}

/** The words after a name no longer to be chosen for new work (停用 in 设置), where an old choice shows it. */
export const INACTIVE_ROSTER_SUFFIX = '（已停用）'

export interface RosterEntry {
  id: UUID
  name: string
  active: boolean
}

/** a select's choice (a type, not an interface: Naive's options want an index signature) */
export type RosterOption = { label: string; value: UUID }

/** The `index`th (from 0) of `count` ids of another PC listed together: numbered （1）（2） when several. */
export function otherPcLabel(kind: RosterKind, index: number, count: number): string {
  return UNKNOWN_ROSTER_LABELS[kind] + (count > 1 ? `（${index + 1}）` : '')
}

/** One id's name: its name here, or the other PC's label. */
export function rosterName(kind: RosterKind, id: UUID, known: readonly Pick<RosterEntry, 'id' | 'name'>[]): string {
  return known.find((e) => e.id === id)?.name ?? UNKNOWN_ROSTER_LABELS[kind]
}

/**
 * Several ids as one line (the case list's 调解员): the known names in the ids' order, each once, joined
 * with 、; the unknown ones said once at the end, with how many when more than one (其他电脑的调解员（2名）).
 * '' for no ids.
 */
export function rosterNames(
  kind: RosterKind,
  ids: readonly UUID[],
  known: readonly Pick<RosterEntry, 'id' | 'name'>[],
): string {
  const names: string[] = []
  const unknown = new Set<UUID>()
  const seen = new Set<UUID>()
  for (const id of ids) {
    if (seen.has(id)) continue
    seen.add(id)
    const entry = known.find((e) => e.id === id)
    if (entry) names.push(entry.name)
    else unknown.add(id)
  }
  if (unknown.size === 1) names.push(UNKNOWN_ROSTER_LABELS[kind])
  else if (unknown.size > 1) names.push(`${UNKNOWN_ROSTER_LABELS[kind]}（${unknown.size}名）`)
  return names.join('、')
}

/**
 * The choices of a select that keeps what a record already names: `choosable` (in its order, e.g. the
 * mediators 在岗), then each id of `kept` that is not among them, once, in `kept`'s order: a stopped one by
 * its name with （已停用）; then another PC's by its label, numbered （1）（2） when there are several. So a
 * select never shows a bare id.
 */
export function rosterOptions<E extends RosterEntry>(
  kind: RosterKind,
  choosable: readonly E[],
  known: readonly E[],
  kept: readonly UUID[],
  labelOf: (entry: E) => string = (e) => e.name,
): RosterOption[] {
  const options = choosable.map((e) => ({ label: labelOf(e), value: e.id }))
  const listed = new Set(options.map((o) => o.value))
  const others: UUID[] = []
  for (const id of kept) {
    if (!id || listed.has(id)) continue
    listed.add(id)
    const entry = known.find((e) => e.id === id)
    if (!entry) {
      others.push(id)
      continue
    }
    options.push({ label: `${labelOf(entry)}${entry.active ? '' : INACTIVE_ROSTER_SUFFIX}`, value: id })
  }
  // two of another PC's read apart by a number
  others.forEach((id, i) => options.push({ label: otherPcLabel(kind, i, others.length), value: id }))
  return options
}
