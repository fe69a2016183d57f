import type { AgreementSigner, signingChannels } from '../../../src/shared/ipc/signing'
import type { GroupHandlers } from '../ipc'

/** The signing:* channels over the main process's Ed25519 signer (electron/main/signing.ts). */
export function createSigningHandlers(signer: AgreementSigner): GroupHandlers<typeof signingChannels> {
  return {
    'signing:sign': ({ hashHex }) => signer.sign(hashHex),
    'signing:verify': async (request) => ({ valid: await signer.verify(request) }),
    'signing:public-key': () => signer.publicKey(),
  }
}
