import type { AgreementSigner, signingChannels } from '../../../src/shared/ipc/signing'
import { IpcRefusal, type GroupHandlers } from '../ipc'
import { SigningRefusal } from '../signing'

/**
 * Passes the signer's refusals on to the page, code and Chinese message: a thrown error's own fields do not
 * cross IPC, so they go as the answer's data. Anything else stays a plain failure.
 */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof SigningRefusal) throw new IpcRefusal('failed', error.message, error.code)
    throw error
  }
}

/** The signing:* channels over the main process's Ed25519 signer (electron/main/signing.ts). */
export function createSigningHandlers(signer: AgreementSigner): GroupHandlers<typeof signingChannels> {
  return {
    'signing:sign': ({ content }) => refusing(() => signer.sign(content)),
    'signing:verify': (request) => refusing(() => signer.verify(request)),
    'signing:highest-version': async ({ caseNo }) => ({
      version: await refusing(() => signer.highestSignedVersion(caseNo)),
    }),
    'signing:public-key': () => signer.publicKey(),
    'signing:sign-transfer': ({ headerText }) => refusing(() => signer.signTransfer(headerText)),
  }
}
