// Reads a PDF back with an independent parser (PDF.js, through pdf-parse): its text page by
// page, as a person copying it would get it.
import { PDFParse } from 'pdf-parse';

export interface PdfRead {
  pages: string[];
  text: string;
  /** The document's title, as a PDF reader shows it. */
  title: string | undefined;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfRead> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    const pages = text.pages.map((p) => p.text);
    const title: unknown = info.info?.Title;
    return { pages, text: pages.join('\n'), title: typeof title === 'string' ? title : undefined };
  } finally {
    await parser.destroy();
  }
}
