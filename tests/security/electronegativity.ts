/**
 * Runs Electronegativity (@doyensec/electronegativity) over the main process, the preload and the
 * renderer's HTML (source and built), and fails on any finding above INFORMATIONAL that is not
 * justified below. Usage: npm run lint:security
 *
 * Limits, said plainly: Electronegativity's last code change was in March 2023; it is a pattern
 * matcher over JS/TS/HTML ASTs, not a proof. The runtime checks live in tests/electron (which need the
 * Electron binary) and tests/unit/electron.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const require = createRequire(import.meta.url)

/** What is scanned, relative to the repository root. The built HTML is optional (it exists after a build). */
export const SCAN_TARGETS = ['electron', 'src/index.html'] as const
export const OPTIONAL_SCAN_TARGETS = ['out/renderer/index.html'] as const

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface Finding {
  id: string
  severity: Severity
  confidence: string
  file: string
  location: string
  sample: string
  description: string
}

/** A finding above INFORMATIONAL that a person reviewed; `accepts` must stay narrow so a new problem still fails. */
export interface Justification {
  id: string
  reason: string
  accepts(finding: Finding): boolean
}

/** csp-evaluator's findings for a policy, as "directive severity value" strings. */
export function cspEvaluatorFindings(policy: string): string[] {
  const electronegativityDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))
  // @doyensec/csp-evaluator is Electronegativity's own dependency: load the copy it uses.
  const csp = createRequire(join(electronegativityDir, 'package.json'))('@doyensec/csp-evaluator') as CspEvaluatorModule
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate()
  const names = new Map(Object.entries(csp.severities).map(([name, value]) => [value, name]))
  return findings.map((f) => `${f.directive} ${names.get(f.severity) ?? f.severity} ${f.value ?? ''}`.trim())
}

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown }
  CspEvaluator: new (
    csp: unknown,
    version: unknown,
  ) => {
    evaluate(): { directive: string; severity: number; value?: string }[]
  }
  Version: { CSP3: unknown }
  severities: Record<string, number>
}

/** The only csp-evaluator remarks our policy may draw (see the justification below). */
const ACCEPTED_CSP_REMARKS = [
  "script-src MEDIUM_MAYBE 'self'",
  'connect-src MEDIUM http://127.0.0.1:*',
  'connect-src MEDIUM http://localhost:*',
]

export const JUSTIFICATIONS: readonly Justification[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    reason:
      "csp-evaluator warns that script-src 'self' is risky when the origin hosts JSONP, Angular or user uploads. " +
      'app:// serves only the read-only, bundled build (electron/main/protocol.ts); attachments and user files are ' +
      'never served from it (they are shown from IndexedDB through blob: URLs, which script-src does not allow). ' +
      'It also flags plain http in connect-src: the <meta> policy allows http only to this computer itself (a sync ' +
      'server on the same PC, src/domain/syncAddress.ts), where nothing crosses a network, and the desktop header ' +
      'policy narrows connect-src to the one saved sync server (electron/main/csp.ts).',
    accepts: (finding) =>
      finding.severity === 'LOW' &&
      finding.sample !== '' &&
      cspEvaluatorFindings(finding.sample).every((remark) => ACCEPTED_CSP_REMARKS.includes(remark)),
  },
]

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value)
}

/** An issue as Electronegativity's runner returns it (dist/runner.js). */
export interface RawIssue {
  id: string
  file: string
  location?: { line?: number; column?: number }
  severity?: { name?: string }
  confidence?: { name?: string }
  sample?: string
  description?: string
}

/** Our view of a raw issue; an unknown severity is treated as HIGH so it cannot slip through. */
export function toFinding(issue: RawIssue): Finding {
  const severity = issue.severity?.name ?? ''
  return {
    id: issue.id,
    severity: isSeverity(severity) ? severity : 'HIGH',
    confidence: issue.confidence?.name ?? '',
    file: issue.file,
    location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
    sample: issue.sample ?? '',
    description: issue.description ?? '',
  }
}

export interface Verdict {
  failures: Finding[]
  justified: { finding: Finding; reason: string }[]
  informational: Finding[]
}

export function judge(
  findings: readonly Finding[],
  justifications: readonly Justification[] = JUSTIFICATIONS,
): Verdict {
  const verdict: Verdict = { failures: [], justified: [], informational: [] }
  for (const finding of findings) {
    if (finding.severity === 'INFORMATIONAL') {
      verdict.informational.push(finding)
      continue
    }
    const justification = justifications.find((j) => j.id === finding.id && j.accepts(finding))
    if (justification) verdict.justified.push({ finding, reason: justification.reason })
    else verdict.failures.push(finding)
  }
  return verdict
}

/** Messages Electronegativity prints when it cannot reach the network; expected here, never a failure. */
const OFFLINE_MESSAGES = ['No connectivity?', 'Could not retrieve updated translations']

export interface ScanReport {
  findings: Finding[]
  /** Files Electronegativity could not parse, so did not check: these fail the run too. */
  errors: string[]
  scanned: string[]
  offline: boolean
}

interface RunnerResult {
  issues: RawIssue[]
  errors: { file?: string; message?: string }[]
}
type Runner = (options: Record<string, unknown>) => Promise<RunnerResult>

function installedElectronVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'))
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version
  throw new Error('node_modules/electron/package.json has no version')
}

/** Runs `work` while collecting what it prints, so the scanner's chatter does not drown our summary. */
async function capturingConsole<T>(work: () => Promise<T>): Promise<{ value: T; output: string }> {
  const original = { log: console.log, warn: console.warn, error: console.error, info: console.info }
  const lines: string[] = []
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '))
  Object.assign(console, { log: keep, warn: keep, error: keep, info: keep })
  try {
    return { value: await work(), output: lines.join('\n') }
  } finally {
    Object.assign(console, original)
  }
}

/**
 * Copies the targets into a temporary folder (Electronegativity takes one input path, and its global
 * checks, e.g. "is there a CSP anywhere", need all of them in one run) and scans it through the
 * runner's API. Not the CLI's CSV: its writer races the header against the rows and garbles the file.
 */
export async function scan(
  targets: readonly string[],
  { root = ROOT, excludeChecks = [] }: { root?: string; excludeChecks?: readonly string[] } = {},
): Promise<ScanReport> {
  const work = mkdtempSync(join(tmpdir(), 'mr-electronegativity-'))
  try {
    for (const target of targets) {
      mkdirSync(dirname(join(work, target)), { recursive: true })
      cpSync(join(root, target), join(work, target), { recursive: true })
    }
    const runner = require('@doyensec/electronegativity') as Runner | { default: Runner }
    const run = typeof runner === 'function' ? runner : runner.default
    const { value, output } = await capturingConsole(() =>
      run({
        input: work,
        isRelative: true,
        electronVersionOverride: installedElectronVersion(),
        excludeFromScan: [...excludeChecks],
      }),
    )
    return {
      findings: value.issues.map(toFinding),
      errors: value.errors.map((e) => `${e.file ?? '?'}: ${e.message ?? 'parse error'}`),
      scanned: [...targets],
      offline: OFFLINE_MESSAGES.some((message) => output.includes(message)),
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function describe(finding: Finding): string {
  const where = finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.location}`
  return `${finding.severity.padEnd(13)} ${finding.id} ${where}\n    ${finding.description}${finding.sample ? `\n    ${finding.sample}` : ''}`
}

async function main(): Promise<void> {
  const optional = OPTIONAL_SCAN_TARGETS.filter((target) => existsSync(join(ROOT, target)))
  const missing = OPTIONAL_SCAN_TARGETS.filter((target) => !optional.includes(target))
  const report = await scan([...SCAN_TARGETS, ...optional])
  const verdict = judge(report.findings)

  console.log(`Electronegativity over ${report.scanned.join(', ')}`)
  if (missing.length > 0) console.log(`  not built yet, so not scanned: ${missing.join(', ')} (npm run build:app)`)
  if (report.offline) {
    console.log('  offline: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK could not fetch release data and did not run;')
    console.log(
      '  tests/unit/electron/electron-version.test.ts and tests/unit/security keep Electron within supported majors.',
    )
  }
  for (const finding of verdict.informational) console.log(`  ${describe(finding)}`)
  for (const { finding, reason } of verdict.justified)
    console.log(`  justified ${describe(finding)}\n    why: ${reason}`)
  for (const finding of verdict.failures) console.log(`  FAIL ${describe(finding)}`)
  for (const error of report.errors) console.log(`  FAIL not parsed, so not checked: ${error}`)
  console.log(
    `${verdict.failures.length} unjustified, ${verdict.justified.length} justified, ${verdict.informational.length} informational finding(s).`,
  )
  if (verdict.failures.length > 0 || report.errors.length > 0) process.exitCode = 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
