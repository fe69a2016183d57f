import { openDatabase, type OpenedDatabase } from './open'

let opening: Promise<OpenedDatabase> | undefined

/** The app's one open database, opened on first use; a failed open is retried on the next call. */
export function getDatabase(): Promise<OpenedDatabase> {
  opening ??= openDatabase().catch((error: unknown) => {
    opening = undefined
    throw error
  })
  return opening
}
