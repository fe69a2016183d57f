/**
 * 一企一码: the text an enterprise's QR card carries, so that the committee's desk can fill in the
 * organisation party from it, offline, from a USB barcode scanner that types what it reads.
 *
 * What it holds (nothing secret; the README says so): the format and version, then the enterprise's
 * 名称, 统一社会信用代码, 法定代表人, 住所 and 联系电话, then a check.
 *
 *   MRQY1:<body><check>
 *
 * - body: the five fields, joined by U+001F, as UTF-8, in Crockford base32. Keyboard-emulating scanners
 *   cannot type Chinese characters, and with Caps Lock on they swap letter case; Crockford's alphabet is
 *   digits and upper-case letters only, read back in either case (and O/I/L as 0/1/1), and it fits the QR
 *   code's compact alphanumeric mode.
 * - check: the first 40 bits of SHA-256 over the prefix and the body, 8 more base32 characters. It catches
 *   a misread or a changed character; it is NOT a signature (anyone can make a card). The credit code's
 *   own check character (GB 32100) is verified too.
 */
import { base32crockford } from '@scure/base'
import { sha256 } from '@noble/hashes/sha2.js'
import { parseCreditCode } from './creditCode'
import { toHalfWidth } from './text'
import type { CaseFlag } from './types'

/** The enterprise as an organisation party knows it. */
export interface EnterpriseCard {
  name: string
  creditCode: string
  legalRep: string
  address: string
  phone: string
}

export const ENTERPRISE_CODE_PREFIX = 'MRQY1:'
/** The family of the prefix, for telling a newer version from a foreign code. */
const FAMILY = /^MRQY(\d+):/
const SEPARATOR = '\u001f'
const FIELDS = ['name', 'creditCode', 'legalRep', 'address', 'phone'] as const
const CHECK_BYTES = 5
/** base32 characters of the check: 5 bytes = 40 bits = 8 characters */
const CHECK_CHARS = 8

export type EnterpriseCodeResult = { ok: true; card: EnterpriseCard } | { ok: false; message: string }

export const ENTERPRISE_CODE_MESSAGES = {
  empty: '请扫描企业码，或把企业码文字粘贴到这里',
  foreign: '这不是调解室的企业码（应以 MRQY1: 开头）。如果扫出来的是乱码，请把输入法切换到英文后再扫一次',
  newer: '这张企业码由更新版本的软件生成，本机读不了，请升级软件或手工填写',
  damaged: '企业码没有读完整或被改动过，请重新扫描；仍不行请手工填写',
  noName: '企业码里没有企业名称，请手工填写',
} as const

function checkOf(prefixAndBody: string): string {
  return base32crockford.encode(sha256(new TextEncoder().encode(prefixAndBody)).slice(0, CHECK_BYTES))
}

/** The text for the card's QR code. Fields are trimmed; the credit code must be valid (it is checked on read). */
export function encodeEnterpriseCode(card: EnterpriseCard): string {
  const joined = FIELDS.map((f) => card[f].trim().replaceAll(SEPARATOR, ' ')).join(SEPARATOR)
  const head = ENTERPRISE_CODE_PREFIX + base32crockford.encode(new TextEncoder().encode(joined))
  return head + checkOf(head)
}

/**
 * Reads what a scanner typed or a person pasted: spaces, line breaks, full-width characters and either
 * letter case are tolerated; anything else that does not check out fills nothing.
 */
export function readEnterpriseCode(input: string): EnterpriseCodeResult {
  const text = toHalfWidth(input).replace(/\s+/g, '').toUpperCase()
  if (text === '') return { ok: false, message: ENTERPRISE_CODE_MESSAGES.empty }
  const family = FAMILY.exec(text)
  if (!family) return { ok: false, message: ENTERPRISE_CODE_MESSAGES.foreign }
  if (Number(family[1]) > 1) return { ok: false, message: ENTERPRISE_CODE_MESSAGES.newer }
  if (Number(family[1]) !== 1) return { ok: false, message: ENTERPRISE_CODE_MESSAGES.foreign }

  const rest = text.slice(ENTERPRISE_CODE_PREFIX.length)
  if (rest.length <= CHECK_CHARS) return { ok: false, message: ENTERPRISE_CODE_MESSAGES.damaged }
  let body: Uint8Array
  let head: string
  try {
    // decoding and re-encoding gives the canonical spelling (o → 0, i/l → 1) the check was made over
    body = base32crockford.decode(rest.slice(0, -CHECK_CHARS))
    head = ENTERPRISE_CODE_PREFIX + base32crockford.encode(body)
    const check = base32crockford.encode(base32crockford.decode(rest.slice(-CHECK_CHARS)))
    if (check !== checkOf(head)) return { ok: false, message: ENTERPRISE_CODE_MESSAGES.damaged }
  } catch {
    return { ok: false, message: ENTERPRISE_CODE_MESSAGES.damaged }
  }

  let joined: string
  try {
    joined = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return { ok: false, message: ENTERPRISE_CODE_MESSAGES.damaged }
  }
  const values = joined.split(SEPARATOR)
  if (values.length !== FIELDS.length) return { ok: false, message: ENTERPRISE_CODE_MESSAGES.damaged }
  const card = Object.fromEntries(FIELDS.map((f, i) => [f, values[i]!])) as unknown as EnterpriseCard
  if (card.name === '') return { ok: false, message: ENTERPRISE_CODE_MESSAGES.noName }
  const credit = parseCreditCode(card.creditCode)
  if (!credit.ok) return { ok: false, message: `企业码里的统一社会信用代码有误：${credit.message}` }
  return { ok: true, card: { ...card, creditCode: credit.creditCode } }
}

/** The organisation party fields an enterprise code describes: what a card is made from and what a scan fills. */
export interface OrgPartyFields {
  kind: 'person' | 'org'
  name: string
  creditCode?: string
  legalRep?: string
  address?: string
  phone?: string
}

/**
 * The card an organisation party can have printed: only an organisation with a name and a valid credit
 * code, because a card that could not be read back would only fail at the desk later.
 */
export function enterpriseCardOf(
  party: OrgPartyFields,
): { ok: true; card: EnterpriseCard } | { ok: false; message: string } {
  if (party.kind !== 'org') return { ok: false, message: '只有单位（企业）当事人才能打印企业码' }
  if (party.name.trim() === '') return { ok: false, message: '请先填写企业名称' }
  const credit = parseCreditCode(party.creditCode ?? '')
  if (!credit.ok) return { ok: false, message: `请先填写正确的统一社会信用代码：${credit.message}` }
  return {
    ok: true,
    card: {
      name: party.name.trim(),
      creditCode: credit.creditCode,
      legalRep: party.legalRep?.trim() ?? '',
      address: party.address?.trim() ?? '',
      phone: party.phone?.trim() ?? '',
    },
  }
}

/** What a successful scan writes into a party: it becomes the organisation the card describes. */
export function fillPartyFromCard<T extends OrgPartyFields>(party: T, card: EnterpriseCard): T {
  return {
    ...party,
    kind: 'org',
    name: card.name,
    creditCode: card.creditCode,
    legalRep: card.legalRep,
    address: card.address,
    phone: card.phone,
  }
}

/** A case with an enterprise party read from its card is 涉企. */
export const ENTERPRISE_FLAG = '涉企' satisfies CaseFlag

export function flagsWithEnterprise(flags: readonly CaseFlag[]): CaseFlag[] {
  return flags.includes(ENTERPRISE_FLAG) ? [...flags] : [...flags, ENTERPRISE_FLAG]
}
