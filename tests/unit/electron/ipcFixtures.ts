/** What the IPC tests send: one valid request per channel, and the event of a sending frame. */
import type { Channel } from '../../../src/shared/ipc'
import type { BackupInfo } from '../../../src/shared/ipc/backup'
import type { InvokeEvent } from '../../../electron/main/ipc'

export const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n')
export const HASH = 'ab'.repeat(32)

/** A backup as the host lists it. */
export const BACKUP_INFO: BackupInfo = {
  name: 'backup-20261122-083000-manual.mrbak',
  createdAt: '2026-11-22T08:30:00.000Z',
  reason: 'manual',
  sizeBytes: 1024,
  counts: { cases: 3 },
  chainHead: { seq: 7, hash: 'ab'.repeat(32) },
  appVersion: '0.1.0',
  schemaVersion: 1,
  verified: true,
}

/** One valid request per channel; tests mutate these or send them from the wrong frame. */
export const VALID_REQUESTS: { [C in Channel]: unknown } = {
  'app:info': undefined,
  'app:flushed': undefined,
  'files:save': { suggestedName: '调解协议书.pdf', mime: 'application/pdf', data: PDF, kind: 'pdf' },
  'files:print-pdf': { data: PDF, title: '调解协议书' },
  'shell:open-external': { url: 'https://flk.npc.gov.cn/' },
  'backup:write': { reason: 'manual', snapshot: '{"format":"mediation-room/transfer"}' },
  'backup:list': undefined,
  'backup:read': { name: 'backup-20261122-083000-manual.mrbak' },
  'backup:open-file': { data: new TextEncoder().encode('MRBAK2\n{}') },
  'backup:sentinel': undefined,
  'backup:choose-extra-folder': undefined,
  'backup:settings': undefined,
  'signing:sign': { content: { schema: 'mediation-room/agreement@1', caseNo: '（2026）朝调字第1号' } },
  'signing:verify': {
    caseNo: '（2026）朝调字第1号',
    version: 1,
    hashHex: HASH,
    signature: `${'A'.repeat(86)}==`,
    keyId: '0123456789abcdef',
  },
  'signing:highest-version': { caseNo: '（2026）朝调字第1号' },
  'signing:public-key': undefined,
  'signing:sign-transfer': { headerText: '{"format":"mediation-room/transfer"}' },
  'audit:anchor': { seq: 7, hash: HASH },
  'audit:anchors': undefined,
  'vault:keys': undefined,
  'vault:set-passphrase': { passphrase: '调解委员会的密码' },
  'vault:unlock': { passphrase: '调解委员会的密码' },
  'vault:recovery-key': undefined,
  'vault:recovery-key-confirmed': undefined,
  'sync:server': undefined,
  'sync:save-server': {
    url: 'https://tiaojie.example.cn:6984',
    database: 'mr-abc',
    user: 'reception',
    password: 'pw-reception-1',
  },
  'sync:forget-server': undefined,
  'sync:remote': undefined,
}

/** An invoke event from a frame at `url` (null: a frame already gone). */
export function eventFrom(url: string | null): InvokeEvent {
  // The wrapper only hands `sender` through to handlers; handlers give it to the save dialog, a spy in tests.
  return { senderFrame: url === null ? null : { url }, sender: {} as InvokeEvent['sender'] }
}
