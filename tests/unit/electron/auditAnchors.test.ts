import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AUDIT_ANCHOR_FILE, createAuditAnchorStore } from '../../../electron/main/auditAnchors'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mr-anchors-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const h = (c: string) => c.repeat(64)
const BACKUP = 'backup-20261120-080000-manual.mrbak'
let clock = 0
function store(backupHeads = [{ name: BACKUP, seq: 3, hash: h('3') }]) {
  return createAuditAnchorStore({
    userDataDir: dir,
    backupHeads: async () => backupHeads,
    now: () => new Date(Date.UTC(2026, 10, 20, 8, 0, clock++)),
  })
}
const fileLines = async () =>
  (await readFile(join(dir, AUDIT_ANCHOR_FILE), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('the audit anchor file', () => {
  it('records a growing head, one appended line each, and keeps it across restarts', async () => {
    const anchors = store()
    expect(await anchors.read()).toEqual({ first: null, last: null, lastRestore: null })
    expect((await anchors.record({ seq: 4, hash: h('4') })).status).toBe('recorded')
    const before = await readFile(join(dir, AUDIT_ANCHOR_FILE), 'utf8')
    expect((await anchors.record({ seq: 9, hash: h('9') })).status).toBe('recorded')
    expect((await anchors.record({ seq: 9, hash: h('9') })).status).toBe('unchanged')
    const after = await readFile(join(dir, AUDIT_ANCHOR_FILE), 'utf8')
    // append-only: what was there stays byte for byte
    expect(after.startsWith(before)).toBe(true)
    expect((await fileLines()).map((l) => [l.seq, l.kind])).toEqual([
      [4, 'append'],
      [9, 'append'],
    ])
    const restarted = await store().read()
    expect(restarted.first).toMatchObject({ seq: 4, hash: h('4'), kind: 'append' })
    expect(restarted.last).toMatchObject({ seq: 9, hash: h('9'), kind: 'append' })
    expect(restarted.lastRestore).toBeNull()
  })

  it('refuses a shorter log and a rewritten head, and writes nothing for them', async () => {
    const anchors = store()
    await anchors.record({ seq: 340, hash: h('a') })
    expect(await anchors.record({ seq: 335, hash: h('b') })).toMatchObject({
      status: 'refused',
      reason: '日志比上次记录的短（记录到第 340 条，现在只有 335 条）',
      anchors: { last: { seq: 340 } },
    })
    expect(await anchors.record({ seq: 340, hash: h('c') })).toMatchObject({
      status: 'refused',
      reason: '第 340 条的校验值与上次记录的不同',
    })
    expect(await fileLines()).toHaveLength(1)
    // a fresh process refuses it too: the refusal does not depend on memory
    expect((await store().record({ seq: 335, hash: h('b') })).status).toBe('refused')
  })

  it("accepts going back only to a verified backup's head, and records it as a restore", async () => {
    const anchors = store()
    await anchors.record({ seq: 9, hash: h('9') })
    const result = await anchors.record({ seq: 3, hash: h('3') })
    expect(result.status).toBe('restored')
    expect(result.anchors.lastRestore).toMatchObject({ seq: 3, kind: 'restore', backup: BACKUP })
    expect(result.anchors.first).toEqual(result.anchors.lastRestore)
    await anchors.record({ seq: 5, hash: h('5') })
    const restarted = await store().read()
    expect(restarted.first).toMatchObject({ seq: 3, kind: 'restore' })
    expect(restarted.last).toMatchObject({ seq: 5, kind: 'append' })
    expect(restarted.lastRestore).toMatchObject({ seq: 3, backup: BACKUP })
  })

  it('skips a torn or foreign line instead of losing the rest', async () => {
    const anchors = store()
    await anchors.record({ seq: 2, hash: h('2') })
    await appendFile(join(dir, AUDIT_ANCHOR_FILE), '{"seq":99,"hash":"zz"}\n{"seq":100,')
    const restarted = store()
    expect((await restarted.read()).last).toMatchObject({ seq: 2 })
    expect((await restarted.record({ seq: 1, hash: h('1') })).status).toBe('refused')
  })

  it('handles racing reports one at a time: a lower head sent alongside never slips in', async () => {
    const anchors = store([])
    await anchors.record({ seq: 5, hash: h('5') })
    const results = await Promise.all([
      anchors.record({ seq: 7, hash: h('7') }),
      anchors.record({ seq: 6, hash: h('6') }),
      anchors.record({ seq: 8, hash: h('8') }),
    ])
    expect(results.map((r) => r.status)).toEqual(['recorded', 'refused', 'recorded'])
    expect((await fileLines()).map((l) => l.seq)).toEqual([5, 7, 8])
  })
})
