/**
 * A warm LibreOffice as a floor for the agreement PDF (issue 16: the app's worker at least 2× a warm
 * LibreOffice through UNO, on the same agreement in the same run). soffice runs headless with a profile of
 * its own; ./convert.py holds a UNO connection and converts the equivalent HTML with Writer's PDF export.
 * Where LibreOffice or Debian's python3-uno is missing, `startLibreOffice` says so and the figure is left out.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'

const SOFFICE = 'soffice'
/** Debian's python, which python3-uno installs into (a pyenv python on PATH lacks it) */
const PYTHON = '/usr/bin/python3'
const CONVERT = fileURLToPath(new URL('./convert.py', import.meta.url))

export interface LibreOfficePrinter {
  /** converts the HTML to a PDF once; resolves when the PDF is written */
  print: () => Promise<void>
  close: () => Promise<void>
}

/** Why LibreOffice cannot be measured here, or undefined when it can. */
export function libreOfficeMissing(): string | undefined {
  if (spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' }).status !== 0) return 'soffice not on PATH'
  if (spawnSync(PYTHON, ['-c', 'import uno'], { encoding: 'utf8' }).status !== 0) return `${PYTHON} has no uno module`
  return undefined
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Starts soffice and the converter with `html` written to a file; warmed by two conversions. */
export async function startLibreOffice(html: string): Promise<LibreOfficePrinter> {
  const dir = mkdtempSync(join(tmpdir(), 'mr-bench-lo-'))
  const source = join(dir, 'agreement.html')
  writeFileSync(source, html)
  const port = await freePort()
  const office: ChildProcess = spawn(
    SOFFICE,
    [
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      `--accept=socket,host=127.0.0.1,port=${port};urp;`,
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
    ],
    { stdio: 'ignore' },
  )
  const converter = spawn(PYTHON, [CONVERT, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: converter.stdout! })[Symbol.asyncIterator]()
  const next = async (): Promise<string> => {
    const line = await lines.next()
    if (line.done) throw new Error('the LibreOffice converter stopped')
    return line.value
  }
  const close = async (): Promise<void> => {
    converter.stdin!.end('\n')
    await new Promise((r) => converter.once('exit', r))
    office.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    if ((await next()) !== 'ready') throw new Error('the LibreOffice converter did not connect')
    let n = 0
    const print = async (): Promise<void> => {
      converter.stdin!.write(`${source}\t${join(dir, `out-${n++ % 2}.pdf`)}\n`)
      const answer = await next()
      if (answer.startsWith('ERR')) throw new Error(`LibreOffice: ${answer}`)
    }
    for (let i = 0; i < 2; i++) await print()
    return { print, close }
  } catch (error) {
    converter.kill()
    office.kill()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
