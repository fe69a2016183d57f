/**
 * The words a failure shows the user: its own message (the app's errors say in Chinese what happened and
 * what to do; storage errors are put into words in src/db/errors.ts), or the thrown value as text.
 */
export function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
