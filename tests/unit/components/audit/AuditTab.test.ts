// @vitest-environment happy-dom
/**
 * The 审计日志 page says which check passed and which failed, in the words written out below, and never
 * 审计日志完整 when an anchor disagrees.
 */
import 'fake-indexeddb/auto'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import AuditTab from '../../../../src/components/audit/AuditTab.vue'
import { getDatabase } from '../../../../src/db/connection'
import { appendAudit } from '../../../../src/db/audit'
import type { HostAnchors } from '../../../../src/domain/auditAnchors'
import { freshPinia, mountInApp, pageText, type Mounted } from '../mountInApp'
import { useAuditAnchorStore } from '../../../../src/stores/auditAnchors'
import { configureStoreKeys, storeKeys } from '../../../../src/db/keys'
import { TEST_AUDIT_KEY, TEST_DATA_KEY } from '../../setup/keys'
import { linkEntry } from '../../../../src/domain/audit'
import type { AuditEntry } from '../../../../src/domain/types'
import { newChainSigner, signPlaces } from '../../../../src/db/sync/auditSigning'
import { applyPeerUpdates } from '../../../../src/db/sync/auditStore'
import { useAuditLogStore } from '../../../../src/stores/auditLog'

const host = vi.hoisted(() => ({ anchors: null as HostAnchors | null }))
vi.mock('../../../../src/platform', () => ({
  platform: () => ({
    auditAnchors: { read: async () => host.anchors },
    backups: { readSentinel: async () => null, listBackups: async () => [] },
  }),
}))

const ENTITY = '7b0f3a52-5c1e-4f7a-9a51-2d6f1e0c9b11'
let mounted: Mounted | undefined
afterEach(() => mounted?.wrapper.unmount())
afterAll(async () => (await getDatabase()).db.close())

async function logOf(length: number) {
  const { db } = await getDatabase()
  await db.audit.clear()
  for (let i = 0; i < length; i++)
    await db.transaction('rw', db.audit, () =>
      appendAudit(db, { actor: '调解员甲', action: 'update', entity: 'case', entityId: ENTITY, fields: ['facts'] }),
    )
  return db.audit.orderBy('seq').toArray()
}

async function verifiedText(): Promise<{ title: string; lines: string[] }> {
  mounted = await mountInApp(() => h(AuditTab))
  await flushPromises()
  await mounted.wrapper.get('button').trigger('click')
  await vi.waitFor(() => expect(mounted!.wrapper.find('[data-testid="audit-verdict"]').exists()).toBe(true))
  const verdict = mounted.wrapper.get('[data-testid="audit-verdict"]')
  return {
    title: verdict.get('.n-alert-body__title').text(),
    lines: verdict.findAll('li').map((li) => li.text()),
  }
}

const record = (seq: number, hash: string) => ({ seq, hash, at: '2026-11-20T08:00:00.000Z', kind: 'append' as const })

describe('the 审计日志 verdict', () => {
  it('says the log is complete, check by check, when the host recorded the same head', async () => {
    const entries = await logOf(3)
    host.anchors = { first: record(1, entries[0].hash), last: record(3, entries[2].hash), lastRestore: null }
    expect(await verifiedText()).toEqual({
      title: '审计日志完整',
      lines: [
        '链条校验：通过（共 3 条记录，逐条用本机审计密钥校验）',
        '与本机记录的最新位置比对：一致（本机记录到第 3 条）',
        '与上次备份时的记录比对：未比对（还没有备份）',
        '与最近备份比对：未比对（还没有备份）',
        '与已签协议比对：未比对（本机没有签订过协议）',
      ],
    })
  })

  it('names the failed comparison when entries were cut off the end', async () => {
    const entries = await logOf(5)
    host.anchors = { first: record(1, entries[0].hash), last: record(8, 'e'.repeat(64)), lastRestore: null }
    const { title, lines } = await verifiedText()
    expect(title).toBe('审计日志与记录不一致')
    expect(lines.slice(0, 2)).toEqual([
      '链条校验：通过（共 5 条记录，逐条用本机审计密钥校验）',
      '与本机记录的最新位置比对：不一致（本机记录到第 8 条，现在只有 5 条：末尾的记录被删除）',
    ])
  })

  it('names the broken link when an entry was edited', async () => {
    const entries = await logOf(4)
    const { db } = await getDatabase()
    await db.audit.update(entries[1].id, { fields: ['phone'] })
    host.anchors = null
    const { title, lines } = await verifiedText()
    expect(title).toBe('审计日志与记录不一致')
    expect(lines[0]).toBe(
      '链条校验：未通过（第一处断裂在第 2 条：第 2 条记录的内容被改动，或不是用本机的审计密钥写入的）',
    )
    expect(lines.slice(1)).toEqual([
      '与本机记录的最新位置比对：未比对（链条已断，不再比对）',
      '与上次备份时的记录比对：未比对（链条已断，不再比对）',
      '与最近备份比对：未比对（链条已断，不再比对）',
      '与已签协议比对：未比对（链条已断，不再比对）',
    ])
  })

  it("shows the host's refusal of the log's current head", async () => {
    const pinia = freshPinia()
    useAuditAnchorStore().refusal = '日志比上次记录的短（记录到第 340 条，现在只有 335 条）'
    mounted = await mountInApp(() => h(AuditTab), { pinia })
    expect(pageText()).toContain('本机记录拒绝了日志的当前位置日志比上次记录的短（记录到第 340 条，现在只有 335 条）')
  })

  it('says the log is complete after a restore from another PC, naming the entries checked with that PC’s key', async () => {
    // three entries written on the other PC (its audit key), then this PC's key with the other one adopted
    const otherPc = new Uint8Array(32).fill(42)
    configureStoreKeys(async () => ({ dataKey: TEST_DATA_KEY, auditKey: otherPc }))
    await storeKeys()
    await logOf(3)
    configureStoreKeys(async () => ({ dataKey: TEST_DATA_KEY, auditKey: TEST_AUDIT_KEY, adoptedAuditKeys: [otherPc] }))
    await storeKeys()
    const { db } = await getDatabase()
    await db.transaction('rw', db.audit, () =>
      appendAudit(db, { actor: '调解员乙', action: 'update', entity: 'case', entityId: ENTITY, fields: ['facts'] }),
    )
    const entries = await db.audit.orderBy('seq').toArray()
    host.anchors = {
      first: { ...record(3, entries[2].hash), kind: 'restore', backup: '备份文件' },
      last: record(4, entries[3].hash),
      lastRestore: { ...record(3, entries[2].hash), kind: 'restore', backup: '备份文件' },
    }
    const { title, lines } = await verifiedText()
    expect(title).toBe('审计日志完整')
    expect(lines[0]).toBe(
      '链条校验：通过（共 4 条记录，逐条校验；其中 3 条来自另一台电脑的备份，用随备份恢复的审计密钥校验）',
    )
    expect(lines[1]).toBe('与本机记录的最新位置比对：一致（本机记录到第 4 条；2026-11-20 曾恢复到备份中的第 3 条）')
  })
})

describe('the 审计日志 list', () => {
  it('names the fields a change touched in the forms’ words, not as code keys', async () => {
    const { db } = await getDatabase()
    await db.audit.clear()
    await db.transaction('rw', db.audit, () =>
      appendAudit(db, {
        actor: '调解员甲',
        action: 'update',
        entity: 'case',
        entityId: ENTITY,
        fields: ['acceptedOn', 'dueOn', 'facts'],
      }),
    )
    mounted = await mountInApp(() => h(AuditTab))
    await vi.waitFor(() => expect(mounted!.wrapper.text()).toContain('受理日期、办结期限、纠纷事实'))
    expect(mounted.wrapper.text()).not.toContain('acceptedOn')
  })
})

describe('other PCs’ audit logs on the 审计日志 page', () => {
  const INTACT = 'aaaaaaaa-1111-4111-8111-111111111111'
  const HOLED = 'bbbbbbbb-2222-4222-8222-222222222222'
  const otherKey = new Uint8Array(32).fill(0x61)

  it('lists 本机 and each other PC with 完整 or the check that failed, and shows that PC’s entries', async () => {
    await logOf(2)
    host.anchors = null
    const chain: AuditEntry[] = []
    for (const fields of [['facts'], ['parties'], ['outcome']])
      chain.push(
        linkEntry(
          chain.at(-1),
          {
            id: crypto.randomUUID(),
            ts: '2026-12-01T08:00:00.000Z',
            actor: '调解员乙',
            action: 'update',
            entity: 'case',
            entityId: ENTITY,
            fields,
          },
          otherKey,
        ),
      )
    const { db } = await getDatabase()
    // as the other PC publishes them: its audit key, its signing key, each entry signed
    const signed = async (chainId: string) => {
      const signer = await newChainSigner()
      const sigs = await signPlaces(signer, chainId, chain)
      return {
        chainId,
        keys: [otherKey],
        signing: { publicKey: signer.publicKey },
        put: chain.map((entry, i) => ({ seq: entry.seq, entry, sig: sigs[i]! })),
        remove: [],
      }
    }
    await applyPeerUpdates(db, [await signed(INTACT), await signed(HOLED)])
    await applyPeerUpdates(db, [{ chainId: HOLED, put: [], remove: [2] }])

    const pinia = freshPinia()
    mounted = await mountInApp(() => h(AuditTab), { pinia })
    await flushPromises()
    await mounted.wrapper.get('button').trigger('click')
    await vi.waitFor(() => expect(mounted!.wrapper.find('[data-testid="audit-peers"]').exists()).toBe(true))
    await vi.waitFor(() => expect(mounted!.wrapper.find('[data-chain="own"]').text()).toBe('本机：完整'))
    expect(
      mounted.wrapper
        .get('[data-testid="audit-peers"]')
        .findAll('li')
        .map((li) => li.text()),
    ).toEqual([
      '本机：完整',
      '其他电脑 aaaaaaaa：完整（共 3 条，逐条校验通过）',
      '其他电脑 bbbbbbbb：未通过（第 2 条在服务器上缺失：被删除了）',
    ])
    // this PC's own page loads on its own: waited for, not assumed loaded with the verdicts
    await vi.waitFor(() => expect(mounted!.wrapper.text()).toContain('本机的最近的记录（共 2 条）'))

    await useAuditLogStore(pinia).show(INTACT)
    await vi.waitFor(() => expect(mounted!.wrapper.text()).toContain('其他电脑 aaaaaaaa的最近的记录（共 3 条）'))
    expect(mounted.wrapper.text()).toContain('纠纷事实')
    // not written here: this PC's own log is untouched
    expect(await db.audit.count()).toBe(2)
  })
})
