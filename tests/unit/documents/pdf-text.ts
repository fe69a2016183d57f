/** The text of each page of a PDF, as pdfjs-dist reads it (whitespace removed, so wrapped cells still match). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false, isEvalSupported: false }).promise
  const pages: string[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/g, ''),
    )
  }
  await doc.destroy()
  return pages
}

/** Width and height of page 1 in points. */
export async function firstPageSize(pdf: Uint8Array): Promise<[number, number]> {
  const doc = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise
  const [, , w, h] = (await doc.getPage(1)).view
  await doc.destroy()
  return [w!, h!]
}
