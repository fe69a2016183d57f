import type { Stamped } from '../domain/types'

export function newId(): string {
  return crypto.randomUUID()
}

/** A new stored record: a fresh UUID and both timestamps. */
export function stamped<T extends object>(fields: T, now: Date = new Date()): T & Stamped {
  const at = now.toISOString()
  return { ...fields, id: newId(), createdAt: at, updatedAt: at }
}

/** The names of the top-level fields whose values differ: what the audit log records. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  keys.delete('updatedAt')
  keys.delete('createdAt')
  return [...keys]
    .filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]))
    .sort()
}
