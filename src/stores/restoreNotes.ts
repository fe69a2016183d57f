/**
 * The record that an undo of a restore was applied, kept across the reload that follows it (as the
 * store's undo pointer keeps the restore itself), so the recovery screen confirms only what happened.
 */
const UNDONE_KEY = 'mediation-room:restore-undone'

export function noteUndone(): void {
  sessionStorage.setItem(UNDONE_KEY, new Date().toISOString())
}

/** Whether an undo was just applied; read once (the confirmation is shown once). */
export function takeUndoneNote(): boolean {
  const noted = sessionStorage.getItem(UNDONE_KEY) !== null
  sessionStorage.removeItem(UNDONE_KEY)
  return noted
}
