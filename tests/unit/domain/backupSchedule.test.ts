import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  BACKUP_INTERVAL_MS,
  closesCase,
  isDirty,
  preUpgradeBackupNeeded,
  shouldWriteBackup,
  type AutoBackupTrigger,
  type DirtyState,
} from '../../../src/domain/backupSchedule'
import { compareInstalledVersion } from '../../../src/domain/schemaVersion'

describe('backup decisions', () => {
  it('is dirty exactly when the head differs from the backed-up head (a restore may move it back)', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(1000), { nil: null }), fc.nat(1000), (backedUpSeq, headSeq) => {
        const expected = backedUpSeq === null ? headSeq > 0 : headSeq !== backedUpSeq
        expect(isDirty({ backedUpSeq, headSeq })).toBe(expected)
      }),
    )
  })

  it('interval and quit write only when dirty; a closed case always writes', () => {
    const triggers: AutoBackupTrigger[] = ['interval', 'quit', 'case-closed']
    fc.assert(
      fc.property(fc.constantFrom(...triggers), fc.nat(50), fc.nat(50), (trigger, backedUp, head) => {
        const state = { backedUpSeq: backedUp, headSeq: head }
        expect(shouldWriteBackup(trigger, state)).toBe(trigger === 'case-closed' ? true : backedUp !== head)
      }),
    )
  })

  it('recognises a closing transition among new audit entries', () => {
    expect(closesCase([{ action: 'update' }, { action: 'transition:close' }])).toBe(true)
    expect(closesCase([{ action: 'transition:accept' }, { action: 'transition:archive' }])).toBe(false)
    expect(closesCase([])).toBe(false)
  })

  it('asks for a pre-upgrade backup only when an older schema is installed', () => {
    // Dexie keeps schema version N as IndexedDB version N*10
    expect(preUpgradeBackupNeeded(undefined, 2)).toBe(false)
    expect(preUpgradeBackupNeeded(0, 2)).toBe(false)
    expect(preUpgradeBackupNeeded(10, 1)).toBe(false)
    expect(preUpgradeBackupNeeded(10, 2)).toBe(true)
    expect(preUpgradeBackupNeeded(20, 2)).toBe(false)
    expect(preUpgradeBackupNeeded(30, 2)).toBe(false)
  })
})

describe('when an automatic backup is written (written-out table)', () => {
  const rows: [trigger: AutoBackupTrigger, state: DirtyState, writes: boolean][] = [
    // the timer and quit: only when the head moved since the last backup
    ['interval', { backedUpSeq: null, headSeq: 0 }, false],
    ['interval', { backedUpSeq: null, headSeq: 1 }, true],
    ['interval', { backedUpSeq: 5, headSeq: 5 }, false],
    ['interval', { backedUpSeq: 5, headSeq: 6 }, true],
    ['interval', { backedUpSeq: 9, headSeq: 4 }, true], // a restore moved the head back
    ['quit', { backedUpSeq: null, headSeq: 0 }, false],
    ['quit', { backedUpSeq: 3, headSeq: 3 }, false],
    ['quit', { backedUpSeq: 3, headSeq: 4 }, true],
    // a closed case: always, even right after another backup
    ['case-closed', { backedUpSeq: 7, headSeq: 7 }, true],
    ['case-closed', { backedUpSeq: null, headSeq: 0 }, true],
    // before an upgrade: whenever there is anything to keep
    ['pre-upgrade', { backedUpSeq: null, headSeq: 0 }, false],
    ['pre-upgrade', { backedUpSeq: null, headSeq: 2 }, true],
    ['pre-upgrade', { backedUpSeq: 0, headSeq: 0 }, true],
    ['pre-upgrade', { backedUpSeq: 4, headSeq: 4 }, true],
  ]
  it.each(rows)('%s with %o writes: %s', (trigger, state, writes) => {
    expect(shouldWriteBackup(trigger, state)).toBe(writes)
  })

  it('backs up every 15 minutes', () => {
    expect(BACKUP_INTERVAL_MS).toBe(900_000)
  })
})

describe('installed database version (pre-upgrade backup)', () => {
  it('compares Dexie versions (schema N is IndexedDB N*10) with the code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (installed, current) => {
        const expected = installed < current ? 'older' : installed > current ? 'newer' : 'same'
        expect(compareInstalledVersion(installed * 10, current)).toBe(expected)
        expect(preUpgradeBackupNeeded(installed * 10, current)).toBe(expected === 'older')
      }),
    )
    expect(compareInstalledVersion(undefined, 1)).toBe('none')
    expect(compareInstalledVersion(1000, 1)).toBe('newer')
  })
})
