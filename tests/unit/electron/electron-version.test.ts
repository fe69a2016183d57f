import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

/**
 * Electron supports its latest three majors, and ships a new major every 8 weeks
 * (Electron 39.0.0 came out on 2025-10-28). Estimating the latest major from today's date makes this
 * test fail once the installed Electron falls out of support, which is the point: upgrade it.
 */
const ANCHOR = { major: 39, date: Date.UTC(2025, 9, 28) }
const RELEASE_CADENCE_DAYS = 56

function estimatedLatestElectronMajor(now: Date): number {
  const days = (now.getTime() - ANCHOR.date) / 86_400_000
  return ANCHOR.major + Math.floor(days / RELEASE_CADENCE_DAYS)
}

function installedElectronVersion(): string {
  const require = createRequire(import.meta.url)
  const packageJson = require.resolve('electron/package.json')
  const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'))
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
    return parsed.version
  }
  throw new Error('electron/package.json has no version')
}

describe('Electron version', () => {
  it('estimates release majors from the schedule', () => {
    expect(estimatedLatestElectronMajor(new Date(Date.UTC(2025, 9, 28)))).toBe(39)
    expect(estimatedLatestElectronMajor(new Date(Date.UTC(2026, 0, 13)))).toBe(40)
    expect(estimatedLatestElectronMajor(new Date(Date.UTC(2026, 10, 22)))).toBe(45)
  })

  it('is one of the three supported majors', () => {
    const major = Number(installedElectronVersion().split('.')[0])
    const latest = estimatedLatestElectronMajor(new Date())
    // One major of slack for a release that slips a week or two.
    expect(major).toBeGreaterThanOrEqual(latest - 2 - 1)
    expect(major).toBeLessThanOrEqual(latest + 1)
  })
})
