/** The committee key in the main process: created once with mode 0600, stable key id, real signatures. */
import { createHash } from 'node:crypto'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNodeSigner, PRIVATE_KEY_FILE } from '../../../electron/main/signing'
import { signResultSchema, verifyRequestSchema } from '../../../src/shared/ipc/signing'

const hashOf = (s: string): string => createHash('sha256').update(s).digest('hex')

describe('node signer', () => {
  it('creates the key on first use, private to the user, and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mr-sign-'))
    const first = createNodeSigner(dir)
    const { keyId, publicKeyBase64 } = await first.publicKey()
    expect(keyId).toBe(createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16))
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600)
    const again = createNodeSigner(dir)
    expect((await again.publicKey()).keyId).toBe(keyId)
    const sig = await first.sign(hashOf('协议'))
    expect(await again.verify({ hashHex: hashOf('协议'), ...sig })).toBe(true)
  })

  it('signs any hash so that only that hash verifies, in the IPC schema shape', async () => {
    const signer = createNodeSigner(mkdtempSync(join(tmpdir(), 'mr-sign-')))
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        fc.pre(a !== b)
        const result = signResultSchema.parse(await signer.sign(hashOf(a)))
        expect(await signer.verify(verifyRequestSchema.parse({ hashHex: hashOf(a), ...result }))).toBe(true)
        expect(await signer.verify({ hashHex: hashOf(b), ...result })).toBe(false)
      }),
      { numRuns: 30 },
    )
  })

  it('refuses what is not a SHA-256 hex digest', async () => {
    const signer = createNodeSigner(mkdtempSync(join(tmpdir(), 'mr-sign-')))
    await expect(signer.sign('not a hash')).rejects.toThrow(/SHA-256/)
    expect(verifyRequestSchema.safeParse({ hashHex: 'xyz', signature: 'a', keyId: 'b' }).success).toBe(false)
  })
})
