import { idNumberCheckChar } from '../../../src/domain/idNumber'
import { creditCodeCheckChar } from '../../../src/domain/creditCode'

/** A valid 18-digit ID number for a region, birth date (YYYYMMDD) and sequence (odd = male). */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`
  return first17 + idNumberCheckChar(first17)
}

/** A valid 统一社会信用代码 from its first 17 characters. */
export function creditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17)
}
