// Recognises files people pick by mistake (another application's export, a PDF, a spreadsheet) so
// an import can say what the file is and what to do instead, rather than only that it failed. Pure.

const INSTEAD = 'Paper Lens imports its own JSON export or a BibTeX (.bib) file';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Header of the Paper Lens CSV export (lib/reading-list/csv.ts). */
const OUR_CSV_HEADER = 'title,arxiv_id,corpus_id,url,saved_at,tags,note,read';

/** What a text file is when it is not something an import reads, or null. Checked before any parsing. */
export function describeForeignText(text: string): string | null {
  const head = text.slice(0, 4096);
  if (head.startsWith('%PDF-')) return `This is a PDF document, not a list of papers. ${INSTEAD}.`;
  if (head.startsWith('PK\u0003\u0004')) return `This is a ZIP archive (or a file packed as one). ${INSTEAD}.`;
  // Bytes that are not UTF-8 text decode to U+FFFD; NUL never appears in text.
  const odd = [...head].filter((c) => c === '\0' || c === '\ufffd').length;
  if (odd > 0 && odd >= head.length / 100) return `This is not a text file. ${INSTEAD}.`;
  const start = head.trimStart();
  if (/^TY {2}- /m.test(start.slice(0, 200))) {
    return `This is a RIS file (from Zotero, EndNote, Mendeley or a publisher's site). ${INSTEAD}: export your references as BibTeX and import that.`;
  }
  if (/^<\?xml|^<xml>|^<rdf:RDF/i.test(start)) {
    return `This is an XML file (such as an EndNote XML or Zotero RDF export). ${INSTEAD}: export your references as BibTeX and import that.`;
  }
  if (/^<!doctype html|^<html/i.test(start)) return `This is a web page (HTML). ${INSTEAD}.`;
  if (start.split(/\r?\n/, 1)[0] === OUR_CSV_HEADER) {
    return `This is a Paper Lens CSV export, which is for spreadsheets. ${INSTEAD}: use Export JSON to move a list.`;
  }
  return null;
}

function isCslItem(x: unknown): boolean {
  if (!isObject(x) || typeof x.type !== 'string') return false;
  return ['author', 'issued', 'container-title', 'DOI', 'URL', 'citation-key'].some((field) => field in x);
}

function isPaperMemory(doc: Record<string, unknown>): boolean {
  if ('__dataVersion' in doc) return true;
  const values = Object.values(doc).filter(isObject);
  return values.length > 0 && values.every((p) => 'pdfLink' in p || ('bibtex' in p && 'addDate' in p));
}

/** What parsed JSON is when it is another application's export, or null. */
export function describeForeignJson(doc: unknown): string | null {
  if (Array.isArray(doc) && doc.length > 0 && doc.slice(0, 20).every(isCslItem)) {
    return `This is a CSL-JSON file (as Zotero, Mendeley and citation tools export). ${INSTEAD}: export your references as BibTeX and import that.`;
  }
  if (isObject(doc) && isPaperMemory(doc)) {
    return `This is a PaperMemory export. ${INSTEAD}: in PaperMemory, export your papers as BibTeX and import that.`;
  }
  return null;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/**
 * Why JSON.parse failed, in the same words whichever browser parsed it: where the text breaks, by
 * line and column, or that it ends in the middle (a file cut short).
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  const cutShort =
    /unexpected end/i.test(message) || (position !== undefined && Number(position) >= text.trimEnd().length);
  if (cutShort) return 'The file is not valid JSON: it ends in the middle (was it cut short?).';
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)\s*$/, '')
    .replace(/\s+at position \d+$/, '')
    .replace(/\s+in JSON$/, '')
    // V8 quotes the start of the file ("Unexpected token ']', "{"papers": ..." is not valid JSON").
    .replace(/^(Unexpected token .+?), ".*" is not valid JSON$/s, '$1');
  if (position === undefined) return `The file is not valid JSON (${reason}).`;
  const { line, column } = lineAndColumn(text, Number(position));
  return `The file is not valid JSON: ${reason} at line ${line}, column ${column}.`;
}
