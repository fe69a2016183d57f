/**
 * The join code (加入码): how the committee's data key (src/db/sync/committeeKeyStore.ts) goes from a PC
 * already in the committee to another one, once, by a person reading or typing it, or by its QR.
 *
 * Payload: the committee's id (16 bytes of its UUID), the 32-byte key and a 2-byte check, 50 bytes, written
 * as 80 characters of Crockford's base32 (digits and capital letters without I, L, O, U), shown in 20
 * groups of 4. 50 bytes are exactly 80 characters, so there are no padding bits a typo could hide in.
 *
 * The check is a CRC-16 (CCITT polynomial) over the committee id and the key. A CRC of degree 16 catches
 * every error confined to 16 consecutive bits of the code: one wrong character changes 5, two neighbours
 * swapped change at most 10. So a mistyped code is refused, never taken for another key; a code with
 * several scattered errors passes with a chance of 1 in 65,536, and the key id then differs from the
 * other PCs' (each sealed record names it, src/db/sync/seal.ts).
 *
 * Reading is forgiving where it cannot change the meaning: spaces, dashes and line breaks are ignored,
 * lower case and full-width characters are read as capitals, and I/L are read as 1 and O as 0 (the
 * letters the alphabet leaves out because they look like those digits).
 *
 * The QR holds the same 80 characters without separators: all within the QR code's alphanumeric set.
 */
import { isUuid } from './uuid'

export interface JoinCodePayload {
  /** the committee's id, a UUID */
  committeeId: string
  /** the committee's data key, 32 bytes */
  key: Uint8Array
}

export type JoinCodeReading = { ok: true; payload: JoinCodePayload } | { ok: false; problem: string }

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** letters people write for the digits they resemble */
const ALIASES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' }
const ID_BYTES = 16
const KEY_BYTES = 32
const CHECK_BYTES = 2
const PAYLOAD_BYTES = ID_BYTES + KEY_BYTES + CHECK_BYTES
/** 50 bytes, 400 bits, 80 characters of 5 bits */
export const JOIN_CODE_LENGTH = (PAYLOAD_BYTES * 8) / 5
export const JOIN_CODE_GROUP = 4
/** separators a person may type or paste between groups: any space, dashes of every width, underscores */
const SEPARATORS = /[\s\-‐‑‒–—―－_]/gu
/** a prefix to the checked bytes, so that a code of another kind with the same length does not pass */
const CHECK_DOMAIN = new TextEncoder().encode('mediation-room/join-code/1')

export const JOIN_CODE_PROBLEMS = {
  empty: '请输入加入码。',
  unreadable: (chars: string) => `加入码中有字符无法识别：${chars}。加入码只由数字和英文字母组成，请对照原码检查。`,
  length: (typed: number) =>
    `加入码长度不对：应为 ${JOIN_CODE_LENGTH} 个字符（${JOIN_CODE_LENGTH / JOIN_CODE_GROUP} 组，每组 ${JOIN_CODE_GROUP} 个），现在是 ${typed} 个。请检查是否漏抄或多抄了一组。`,
  check: '加入码校验不符，可能抄错了。请对照原码逐组检查，或改用扫描二维码。',
} as const

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF. */
function crc16(parts: readonly Uint8Array[]): number {
  let crc = 0xffff
  for (const bytes of parts)
    for (const byte of bytes) {
      crc ^= byte << 8
      for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
    }
  return crc
}

function uuidToBytes(id: string): Uint8Array {
  if (!isUuid(id)) throw new RangeError('the committee id of a join code must be a UUID')
  const hex = id.replace(/-/g, '')
  return Uint8Array.from({ length: ID_BYTES }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16))
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function toBase32(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += ALPHABET[(buffer >> bits) & 31]
    }
    buffer &= (1 << bits) - 1
  }
  return out
}

/** The bytes of a code already checked to hold only alphabet characters and a multiple of 8 characters. */
function fromBase32(code: string): Uint8Array {
  const out = new Uint8Array((code.length * 5) / 8)
  let buffer = 0
  let bits = 0
  let at = 0
  for (const char of code) {
    buffer = (buffer << 5) | ALPHABET.indexOf(char)
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[at++] = (buffer >> bits) & 0xff
    }
    buffer &= (1 << bits) - 1
  }
  return out
}

/** The code's 80 characters, without separators (what the QR holds). */
export function encodeJoinCode(payload: JoinCodePayload): string {
  if (payload.key.length !== KEY_BYTES) throw new RangeError('a committee data key is 32 bytes')
  const id = uuidToBytes(payload.committeeId)
  const crc = crc16([CHECK_DOMAIN, id, payload.key])
  const bytes = new Uint8Array(PAYLOAD_BYTES)
  bytes.set(id)
  bytes.set(payload.key, ID_BYTES)
  bytes[PAYLOAD_BYTES - 2] = crc >> 8
  bytes[PAYLOAD_BYTES - 1] = crc & 0xff
  return toBase32(bytes)
}

/** The code in groups of 4, as shown to be read aloud or typed. */
export function joinCodeGroups(code: string): string[] {
  const compact = normalizeJoinCode(code)
  const groups: string[] = []
  for (let at = 0; at < compact.length; at += JOIN_CODE_GROUP) groups.push(compact.slice(at, at + JOIN_CODE_GROUP))
  return groups
}

/** What was typed, without separators, in capitals, with the look-alike letters read as digits. */
export function normalizeJoinCode(typed: string): string {
  return Array.from(typed.normalize('NFKC').replace(SEPARATORS, '').toUpperCase(), (c) => ALIASES[c] ?? c).join('')
}

/** Reads a typed or scanned code; a problem in Chinese says what is wrong with it. */
export function decodeJoinCode(typed: string): JoinCodeReading {
  const code = normalizeJoinCode(typed)
  if (code.length === 0) return { ok: false, problem: JOIN_CODE_PROBLEMS.empty }
  const unknown = [...new Set(Array.from(code).filter((c) => !ALPHABET.includes(c)))]
  if (unknown.length > 0)
    return { ok: false, problem: JOIN_CODE_PROBLEMS.unreadable(unknown.map((c) => `“${c}”`).join('、')) }
  if (code.length !== JOIN_CODE_LENGTH) return { ok: false, problem: JOIN_CODE_PROBLEMS.length(code.length) }
  const bytes = fromBase32(code)
  const id = bytes.subarray(0, ID_BYTES)
  const key = bytes.slice(ID_BYTES, ID_BYTES + KEY_BYTES)
  const stored = (bytes[PAYLOAD_BYTES - 2]! << 8) | bytes[PAYLOAD_BYTES - 1]!
  if (crc16([CHECK_DOMAIN, id, key]) !== stored) return { ok: false, problem: JOIN_CODE_PROBLEMS.check }
  return { ok: true, payload: { committeeId: bytesToUuid(id), key } }
}
