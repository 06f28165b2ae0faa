// Reads a PDF with pdf.js, as Firefox does before it hands the text to a
// screen reader, and prints each page's text content as JSON: one string a
// page. Run by internal/pdfreport's TestPDFJS: node text.mjs FILE.pdf
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(await readFile(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(JSON.stringify(pages));
