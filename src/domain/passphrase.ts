/**
 * The passphrase that encrypts an export file (PBKDF2 + AES-GCM, see db/transfer/encryption.ts).
 * The minimum is the only gate; the strength is a hint for the person choosing it. Lengths are counted
 * in UTF-16 code units (`String.length`), as the encryption has always checked them.
 */

/** Shorter passphrases are refused: the file may travel on a USB stick and be guessed offline. */
export const PASSPHRASE_MIN_LENGTH = 8

const TOO_SHORT = `密码至少需要${PASSPHRASE_MIN_LENGTH}个字符`

/**
 * Why a passphrase cannot encrypt a file, or undefined when it can. With `confirmation`, the second
 * entry must match the first (the export form asks twice because a forgotten passphrase loses the file).
 */
export function passphraseProblem(passphrase: string, confirmation?: string): string | undefined {
  if (passphrase.length < PASSPHRASE_MIN_LENGTH) return TOO_SHORT
  if (confirmation !== undefined && passphrase !== confirmation) return '两次输入的密码不一致'
  return undefined
}

export interface PassphraseStrength {
  level: 0 | 1 | 2 | 3
  text: string
}

/** A passphrase's strength in words (length and character kinds; a hint, not a gate beyond the minimum). */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length < PASSPHRASE_MIN_LENGTH) return { level: 0, text: `太短：至少${PASSPHRASE_MIN_LENGTH}个字符` }
  const kinds =
    [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(passphrase)).length +
    (/[^ -~]/.test(passphrase) ? 1 : 0)
  if (passphrase.length >= 14 && kinds >= 3) return { level: 3, text: '强' }
  if (passphrase.length >= 10 && kinds >= 2) return { level: 2, text: '中等：再长一些、混合字母数字符号更安全' }
  return { level: 1, text: '弱：建议至少10个字符，混合字母、数字和符号' }
}

/**
 * Whether an export must be encrypted: a file with complete ID and phone numbers leaves the PC only under a
 * passphrase (a lost USB stick must not hand them out); a masked file holds no complete number and may go plain.
 */
export function exportNeedsPassphrase(export_: { masked: boolean }): boolean {
  return !export_.masked
}

export const FULL_EXPORT_NEEDS_PASSPHRASE = '完整导出含完整的身份证号和电话号码，必须设置密码加密后才能导出。'
