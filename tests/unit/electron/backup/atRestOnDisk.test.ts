/**
 * Encryption at rest, seen from the disk, on the desktop app's side: a case with a known ID number, phone,
 * name and fact is backed up through the main process's real handlers (vault, backup store, sentinel,
 * anchors) with a USB folder chosen, and no file of the data folder (backups, vault, sentinel, anchors)
 * nor of the USB folder holds any of them — not in UTF-8 or UTF-16, and not inside any gzip stream the
 * file holds (a plain `.mrbak` was gzip, which hides the text from a byte search but not from gunzip).
 * The Chromium profile's own files (IndexedDB) are searched by tests/e2e/at-rest.spec.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { fakeKeyStore, TEST_SCRYPT_COST } from '../vault/fakeKeyStore'
import { handlerDependencies, tempFolders } from '../userDataHost'
import { freshDb } from '../../db/helpers'
import { intake, person, setUpCommittee } from '../../db/caseFixtures'
import { configureStoreKeys, storeKeys } from '../../../../src/db/keys'
import { createCase } from '../../../../src/db/casesRepo'
import { chainHead } from '../../../../src/db/audit'
import { takeSnapshot } from '../../../../src/db/snapshot'
import { serializeTransferFile } from '../../../../src/db/transfer/export'

vi.mock('electron', () => ({}))

const { createChannelHandlers } = await import('../../../../electron/main/handlers')
const { createVault } = await import('../../../../electron/main/vault/vault')
type HandlerContext = import('../../../../electron/main/ipc').HandlerContext

const context = { sender: {} } as HandlerContext

const ID_NUMBER = '110105199003078414'
const PHONE = '13912345678'
const NAME = '欧阳珺喆'
const FACT = '借款叁万柒仟元整未还'

const tempDir = tempFolders()

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat?.isDirectory()) yield* filesUnder(path)
    else if (stat?.isFile()) yield path
  }
}

/** The file's bytes and what every gzip stream in it inflates to. */
function readable(bytes: Buffer): Buffer[] {
  const out = [bytes]
  for (let at = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08])); at >= 0; at = bytes.indexOf(0x1f, at + 1)) {
    if (bytes[at + 1] !== 0x8b || bytes[at + 2] !== 0x08) continue
    try {
      out.push(gunzipSync(bytes.subarray(at)))
    } catch {
      // not a whole stream from here (or random bytes that look like its start)
    }
  }
  return out
}

/** Every file under `dir` that holds one of the texts, with the text found. */
function filesHolding(dir: string, texts: readonly string[]): string[] {
  const found: string[] = []
  for (const file of filesUnder(dir)) {
    const views = readable(readFileSync(file))
    for (const text of texts) {
      const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]
      if (views.some((view) => needles.some((needle) => view.includes(needle)))) found.push(`${file}: ${text}`)
    }
  }
  return found
}

describe('the data folder and the USB folder after a backup', () => {
  it('the search finds the texts in a plain gzip file (the check itself works)', async () => {
    const dir = await tempDir('plain')
    const { writeFileSync } = await import('node:fs')
    const { gzipSync } = await import('node:zlib')
    writeFileSync(join(dir, 'plain.mrbak'), Buffer.concat([Buffer.from('MRBAK1\n'), gzipSync(`{"n":"${NAME}"}`)]))
    expect(filesHolding(dir, [NAME])).toEqual([`${join(dir, 'plain.mrbak')}: ${NAME}`])
  })

  it('hold no ID number, phone, name or fact in any file, though the backup and its USB copy were written', async () => {
    const userData = await tempDir('user-data')
    const usb = await tempDir('usb')
    const keyStore = fakeKeyStore()
    const vault = createVault({
      dir: userData,
      protector: keyStore.protector,
      platform: 'linux',
      scryptCost: TEST_SCRYPT_COST,
    })
    const handlers = createChannelHandlers(
      handlerDependencies(userData, {
        backup: { userDataDir: userData, chooseFolder: async () => usb, backupKeys: () => vault.backupKeys() },
        vault,
      }),
    )
    // the page's keys, as src/platform/electron.ts hands them to the store
    const state = await vault.keys()
    if (state.status !== 'ready') throw new Error(`vault not ready: ${state.status}`)
    configureStoreKeys(async () => ({ dataKey: state.dataKey, auditKey: state.auditKey }))
    await storeKeys()

    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    await createCase(
      db,
      intake(roomId, {
        facts: `${FACT}，申请人身份证号${ID_NUMBER}，电话${PHONE}。`,
        parties: [person(NAME, '申请人', { idNumber: ID_NUMBER, phone: PHONE }), person('吴志强', '被申请人')],
      }),
      committee,
      '测试',
    )
    await handlers['audit:anchor'](await chainHead(db), context)
    await handlers['backup:choose-extra-folder'](undefined, context)
    const snapshot = serializeTransferFile(await takeSnapshot(db))
    expect(snapshot).toContain(ID_NUMBER)
    const written = await handlers['backup:write']({ reason: 'manual', snapshot }, context)
    db.close()

    expect(written.extraCopy).toEqual({ status: 'written', path: join(usb, written.backup.name) })
    const names = (dir: string) => [...filesUnder(dir)].map((f) => f.slice(dir.length + 1))
    expect(names(usb)).toEqual([written.backup.name])
    expect(names(userData)).toContain(join('backups', written.backup.name))
    expect(filesHolding(userData, [ID_NUMBER, PHONE, NAME, FACT])).toEqual([])
    expect(filesHolding(usb, [ID_NUMBER, PHONE, NAME, FACT])).toEqual([])
  })
})
