/**
 * The 恢复密钥: 160 random bits written as 8 groups of 4 characters from Crockford's base-32 alphabet
 * (digits and capitals without I, L, O, U), so that it is copied by hand without 0/O or 1/I mix-ups.
 * Typing is forgiving: lower case, spaces, dashes, and O/I/L for 0/1/1 are accepted.
 */
import { randomBytes } from 'node:crypto'

export const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const GROUPS = 8
const GROUP_LENGTH = 4
export const RECOVERY_KEY_LENGTH = GROUPS * GROUP_LENGTH

/** A new key in its canonical form (32 characters, no separators). */
export function generateRecoveryKey(): string {
  // 20 random bytes = 160 bits = 32 characters of 5 bits each
  const bytes = randomBytes(20)
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return out
}

/** `ABCD-EFGH-…`: how the key is shown and printed. */
export function formatRecoveryKey(canonical: string): string {
  return canonical.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join('-') ?? canonical
}

/** The canonical form of what the user typed, or null when it cannot be a recovery key. */
export function normalizeRecoveryKey(typed: string): string | null {
  const cleaned = typed
    .normalize('NFKC') // full-width letters and digits become ASCII
    .toUpperCase()
    .replace(/[\s\-_.·—－]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (cleaned.length !== RECOVERY_KEY_LENGTH) return null
  return [...cleaned].every((c) => RECOVERY_ALPHABET.includes(c)) ? cleaned : null
}
