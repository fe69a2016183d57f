/**
 * Render any document of a case from the command line:
 *   npm run render -- --case case.json --doc agreement --out agreement.pdf [--case-no 案号] [--court 法院]
 *   npm run render -- --case case.json --doc list
 * Exit codes: 0 done, 1 the data cannot make this document, 2 wrong usage or unreadable input.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  buildDocument,
  DOCUMENT_KIND_NAMES,
  DOCUMENT_KINDS,
  availableDocuments,
  isDocumentKind,
} from './builders/index'
import { pickBundle, bundlesFromJson } from './bundle-input'
import { DocumentDataError } from './format'
import { loadNodeFonts } from './node/fonts'
import { renderPdf, REPRODUCIBLE_DATE } from './render'

const USAGE = `用法 / usage:
  npm run render -- --case <案件或导出文件.json> --doc <类型> --out <输出.pdf> [--case-no <案号>] [--court <法院名称>] [--reproducible]
文书类型 / --doc: ${DOCUMENT_KIND_NAMES.join(', ')}, list`

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        case: { type: 'string' },
        doc: { type: 'string' },
        out: { type: 'string' },
        'case-no': { type: 'string' },
        court: { type: 'string' },
        reproducible: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values
  } catch (e) {
    throw new UsageError(`参数错误（bad arguments）：${(e as Error).message}`)
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (!values.case) throw new UsageError('缺少 --case（missing --case）')
  if (!values.doc) throw new UsageError('缺少 --doc（missing --doc）')
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(values.case, 'utf8'))
  } catch (e) {
    throw new UsageError(`无法读取案件文件 ${values.case}（cannot read or parse it）：${(e as Error).message}`)
  }
  const bundle = pickBundle(bundlesFromJson(raw), values['case-no'])
  if (values.doc === 'list') {
    for (const kind of availableDocuments(bundle)) console.log(`${kind}\t${DOCUMENT_KINDS[kind].title}`)
    return 0
  }
  if (!isDocumentKind(values.doc)) throw new UsageError(`未知的文书类型“${values.doc}”（unknown --doc）`)
  if (!values.out) throw new UsageError('缺少 --out（missing --out）')
  const dd = buildDocument(values.doc, bundle, { court: values.court })
  const pdf = await renderPdf(
    dd,
    await loadNodeFonts(dd),
    values.reproducible ? { creationDate: REPRODUCIBLE_DATE } : {},
  )
  writeFileSync(values.out, pdf)
  console.log(`已生成 ${DOCUMENT_KINDS[values.doc].title}：${values.out}（${Math.round(pdf.byteLength / 1024)} KB）`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`)
      process.exitCode = 2
    } else if (e instanceof DocumentDataError) {
      console.error(`无法生成（cannot build this document）：${e.message}`)
      process.exitCode = 1
    } else {
      console.error('生成失败（unexpected error）：', e)
      process.exitCode = 1
    }
  },
)
