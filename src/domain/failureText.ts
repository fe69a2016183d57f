/**
 * The words a failure shows the user: its own message (the app's errors say in Chinese what happened and
 * what to do; storage errors are put into words in src/db/errors.ts), or a thrown text. A failure with no
 * words of its own (an empty message, `undefined`, an object) shows `silent`: never an empty reason after
 * "保存失败：", nor "undefined" or "[object Object]".
 */
export const UNKNOWN_FAILURE = '原因不明'

export function failureText(error: unknown, silent: string = UNKNOWN_FAILURE): string {
  const words = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  return words.trim() === '' ? silent : words
}
