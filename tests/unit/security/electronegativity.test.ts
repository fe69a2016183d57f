import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cspEvaluatorFindings, judge, scan, toFinding, type Finding } from '../../security/electronegativity'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp'

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'X',
    severity: 'LOW',
    confidence: 'CERTAIN',
    file: 'a.ts',
    location: '1:0',
    sample: '',
    description: 'd',
    ...overrides,
  }
}

describe("reading Electronegativity's issues", () => {
  it('keeps id, place, sample and severity', () => {
    expect(
      toFinding({
        id: 'CSP_GLOBAL_CHECK',
        file: 'src/index.html',
        location: { line: 7, column: 0 },
        severity: { name: 'LOW' },
        confidence: { name: 'FIRM' },
        sample: "default-src 'self'",
        description: 'weak',
      }),
    ).toEqual({
      id: 'CSP_GLOBAL_CHECK',
      severity: 'LOW',
      confidence: 'FIRM',
      file: 'src/index.html',
      location: '7:0',
      sample: "default-src 'self'",
      description: 'weak',
    })
  })

  it('treats a missing or unknown severity as HIGH, so a new kind of finding cannot slip through', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (name) => {
        const severity = toFinding({ id: 'X', file: 'a', severity: name === undefined ? undefined : { name } }).severity
        expect(severity).toBe(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'].includes(name ?? '') ? name : 'HIGH')
      }),
    )
  })
})

describe('the scan itself', () => {
  it('fails an insecure main process (the gate can close)', async () => {
    const app = mkdtempSync(join(tmpdir(), 'mr-insecure-app-'))
    try {
      mkdirSync(join(app, 'main'))
      writeFileSync(
        join(app, 'main', 'index.ts'),
        "import { BrowserWindow } from 'electron'\n" +
          'new BrowserWindow({ webPreferences: { contextIsolation: false, webSecurity: false } })\n',
      )
      // Offline anyway; skipping the release-data check saves its network retries.
      const report = await scan(['main'], { root: app, excludeChecks: ['AvailableSecurityFixesGlobalCheck'] })
      const failed = judge(report.findings).failures.map((f) => f.id)
      expect(failed).toEqual(
        expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'CSP_GLOBAL_CHECK']),
      )
    } finally {
      rmSync(app, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('judging findings', () => {
  it('fails on anything above INFORMATIONAL without a justification, and lists informational ones', () => {
    const verdict = judge(
      [
        finding({ id: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH' }),
        finding({ id: 'AUXCLICK_JS_CHECK', severity: 'MEDIUM' }),
        finding({ id: 'PRELOAD_JS_CHECK', severity: 'INFORMATIONAL' }),
      ],
      [],
    )
    expect(verdict.failures.map((f) => f.id)).toEqual(['NODE_INTEGRATION_JS_CHECK', 'AUXCLICK_JS_CHECK'])
    expect(verdict.informational.map((f) => f.id)).toEqual(['PRELOAD_JS_CHECK'])
  })

  it("accepts the CSP remark about script-src 'self' for our own policy", () => {
    const verdict = judge([finding({ id: 'CSP_GLOBAL_CHECK', sample: CONTENT_SECURITY_POLICY })])
    expect(verdict.failures).toEqual([])
    expect(verdict.justified).toHaveLength(1)
  })

  it('still fails a weakened CSP, or a CSP finding of another severity', () => {
    const weakened = [
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
      CONTENT_SECURITY_POLICY.replace("object-src 'none'", "object-src 'self'"),
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", 'script-src *'),
    ]
    for (const policy of weakened) {
      expect(judge([finding({ id: 'CSP_GLOBAL_CHECK', sample: policy })]).failures, policy).toHaveLength(1)
    }
    expect(judge([finding({ id: 'CSP_GLOBAL_CHECK', severity: 'MEDIUM', sample: '' })]).failures).toHaveLength(1)
  })

  it('draws exactly the one accepted csp-evaluator remark on the header policy', () => {
    expect(cspEvaluatorFindings(CONTENT_SECURITY_POLICY)).toEqual(["script-src MEDIUM_MAYBE 'self'"])
  })
})
