/**
 * The one-page print-out of the 恢复密钥. Written by hand instead of through the document worker (pdfmake
 * and its 3 MB fonts for four lines): the key in Courier, the Chinese lines in STSong-Light, a CJK font
 * every PDF reader knows by name (Adobe-GB1), so nothing is embedded. Pure: no DOM, no platform.
 */

const A4 = { width: 595, height: 842 }

/** UTF-16BE hex of a string: the encoding of the UniGB-UCS2-H CMap. */
function ucs2Hex(text: string): string {
  return Array.from(text, (char) => (char.codePointAt(0) ?? 0x3f).toString(16).padStart(4, '0'))
    .join('')
    .toUpperCase()
}

const pad = (n: number) => String(n).padStart(2, '0')

export function recoveryKeyLines(key: string, printedAt: Date): { chinese: [number, number, string][]; key: string[] } {
  const groups = key.split('-')
  const date = `${printedAt.getFullYear()}年${printedAt.getMonth() + 1}月${printedAt.getDate()}日 ${pad(printedAt.getHours())}:${pad(printedAt.getMinutes())}`
  return {
    chinese: [
      [20, 760, '调解室 恢复密钥'],
      [12, 600, '换电脑或重装系统后，用它恢复备份。'],
      [12, 580, '请把这张纸锁在柜子里；不要拍照，不要发给任何人。'],
      [12, 560, '看到这串字符的人，拿到备份文件后就能读出里面的案件。'],
      [12, 520, `打印时间：${date}`],
    ],
    key: [groups.slice(0, 4).join('-'), groups.slice(4).join('-')],
  }
}

/** The PDF bytes (ASCII only: every string is hex or ASCII). */
export async function recoveryKeyPdf(key: string, printedAt: Date): Promise<Uint8Array> {
  const { chinese, key: keyLines } = recoveryKeyLines(key, printedAt)
  const content = [
    ...chinese.map(([size, y, text]) => `BT /F2 ${size} Tf 72 ${y} Td <${ucs2Hex(text)}> Tj ET`),
    ...keyLines.map((line, i) => `BT /F1 26 Tf 72 ${700 - i * 40} Td (${line.replace(/[()\\]/g, '')}) Tj ET`),
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 8 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(pdf.length)
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(pdf)
}
