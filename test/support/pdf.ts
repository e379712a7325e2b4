// Reads a PDF back as text (pdfjs-dist), so tests check what a person would actually see on it.
type TextItem = { str: string; hasEOL?: boolean };

/** The text of each page: items in drawing order, one per line of the result. */
export async function pdfPages(bytes: Buffer | Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    pages.push(
      (content.items as TextItem[])
        .map((i) => i.str)
        .filter((s) => s.trim() !== '')
        .join('\n'),
    );
  }
  await doc.destroy();
  return pages;
}

/** The whole document's text, pages joined. */
export async function pdfText(bytes: Buffer | Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}

/** The document information dictionary (Title, Author, CreationDate…) as pdfjs reads it. */
export async function pdfInfo(bytes: Buffer | Uint8Array): Promise<Record<string, unknown>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    disableFontFace: true,
    isEvalSupported: false,
  }).promise;
  const meta = await doc.getMetadata();
  await doc.destroy();
  return meta.info as Record<string, unknown>;
}
