/** The render CLI as an office would run it: real process, real files, exit codes and messages. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'
import { extractText, pageCount, requireTools } from './pdf-tools'

const root = new URL('../../../', import.meta.url).pathname
const fixture = join(root, 'tests/fixtures/cases/wage-arrears.json')

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWith({}, ...args)
}

function cliWith(
  env: Record<string, string>,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/documents/cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('render CLI', { timeout: 60_000 }, () => {
  it('the JSON fixture is the typed fixture (regenerate with tests/fixtures/cases/write-json.ts)', () => {
    const same = readFileSync(fixture, 'utf8') === JSON.stringify(wageArrearsBundle(), null, 1) + '\n'
    expect(same, 'wage-arrears.json is stale: run npx tsx tests/fixtures/cases/write-json.ts').toBe(true)
  })

  it('writes a PDF for a document, the same again with --reproducible', () => {
    requireTools('pdftotext')
    const dir = mkdtempSync(join(tmpdir(), 'mr-cli-'))
    const a = cli('--case', fixture, '--doc', 'agreement', '--out', join(dir, 'a.pdf'), '--reproducible')
    expect(a.status, a.stderr).toBe(0)
    expect(a.stdout).toContain('已生成 人民调解协议书')
    const b = cli('--case', fixture, '--doc', 'agreement', '--out', join(dir, 'b.pdf'), '--reproducible')
    expect(b.status).toBe(0)
    const pdfA = readFileSync(join(dir, 'a.pdf'))
    const pdfB = readFileSync(join(dir, 'b.pdf'))
    expect(pdfA.subarray(0, 5).toString()).toBe('%PDF-')
    // pdfkit numbers the soft masks of transparent PNGs (on-screen signatures) in the order its async
    // zlib callbacks finish, so two objects may swap numbers under load: same content, same length
    expect(pdfA.byteLength).toBe(pdfB.byteLength)
    expect(extractText(pdfA)).toBe(extractText(pdfB))
  })

  it('prints the same pages with and without the parsed-font cache', () => {
    requireTools('pdftotext', 'pdfinfo')
    const dir = mkdtempSync(join(tmpdir(), 'mr-cli-'))
    expect(cli('--case', fixture, '--doc', 'casefile', '--out', join(dir, 'on.pdf'), '--reproducible').status).toBe(0)
    expect(
      cliWith(
        { MR_PARSED_FONT_CACHE: 'off' },
        '--case',
        fixture,
        '--doc',
        'casefile',
        '--out',
        join(dir, 'off.pdf'),
        '--reproducible',
      ).status,
    ).toBe(0)
    const on = readFileSync(join(dir, 'on.pdf'))
    const off = readFileSync(join(dir, 'off.pdf'))
    expect(extractText(on)).toBe(extractText(off))
    expect(pageCount(on)).toBe(pageCount(off))
    expect(Math.abs(on.byteLength - off.byteLength)).toBeLessThan(64)
  })

  it('picks a case by number from { bundles } and refuses to guess among several', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mr-cli-'))
    const other = wageArrearsBundle()
    other.case.caseNo = '（2026）云溪镇调字第013号'
    const file = join(dir, 'export.json')
    writeFileSync(file, JSON.stringify({ bundles: [wageArrearsBundle(), other] }))
    const ambiguous = cli('--case', file, '--doc', 'list')
    expect(ambiguous.status).toBe(1)
    expect(ambiguous.stderr).toContain('请用 --case-no 指定')
    const listed = cli('--case', file, '--case-no', '（2026）云溪镇调字第013号', '--doc', 'list')
    expect(listed.status).toBe(0)
    expect(listed.stdout).toContain('agreement\t人民调解协议书')
  })

  it('exits non-zero with a clear message on bad input', () => {
    expect(cli('--doc', 'agreement')).toMatchObject({ status: 2, stderr: expect.stringContaining('缺少 --case') })
    expect(cli('--case', '/no/such/file.json', '--doc', 'agreement', '--out', '/tmp/x.pdf')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('无法读取案件文件'),
    })
    expect(cli('--case', fixture, '--doc', 'nonsense', '--out', '/tmp/x.pdf')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('未知的文书类型'),
    })
    expect(cli('--case', fixture, '--doc', 'termination', '--out', '/tmp/x.pdf')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('不能生成终止调解告知书'),
    })
    const dir = mkdtempSync(join(tmpdir(), 'mr-cli-'))
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ case: {} }))
    expect(cli('--case', join(dir, 'bad.json'), '--doc', 'list')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('缺少 committee'),
    })
  })
})
