import { defineStore } from 'pinia'
import { getDatabase } from '../db/connection'
import type { VerifyOutcome } from '../domain/verifyCode'
import { verifyByCode } from '../db/agreementsRepo'
import { platform } from '../platform'

/** 核验: checks a code or QR content against the records with the host's key. */
export const useAgreementVerifyStore = defineStore('agreementVerify', () => {
  async function check(input: string): Promise<VerifyOutcome> {
    const { db } = await getDatabase()
    return verifyByCode(db, input, { verify: (request) => platform().verifyAgreementSignature(request) })
  }
  return { check }
})
