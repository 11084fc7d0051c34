// Import: reads our JSON export or a BibTeX file (told apart by content); plan-import.ts then
// plans how the papers join the reading list, so a preview shows the counts before anything is
// written. Files people pick by mistake (a PDF, RIS, CSL-JSON, a PaperMemory export) are named in
// the error. The BibTeX parser is large, so only the import worker (and the CLI) load this module.
import { describeForeignJson, describeForeignText, describeJsonError } from './foreign-files';
import { parseJsonExport } from './json';
import { decodeImportBytes, type ImportEncoding } from './decode-text';
import { parseBibtex } from './read-bibtex';
import type { SkippedEntry } from './scan-bibtex';
import { checkImportSize, ImportError, type ImportedPaper } from './types';

export { ImportError } from './types';
export type { ImportedPaper } from './types';
export { planImport, type ImportPlan } from './plan-import';

/** What a file held, which format it was read as, and the entries that could not be read. */
export interface ParsedImport {
  format: 'json' | 'bibtex';
  papers: ImportedPaper[];
  /** BibTeX entries skipped, each with its line and reason (a JSON export is read whole or not at all). */
  skipped: SkippedEntry[];
}

function readJson(text: string): ImportedPaper[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportError(describeJsonError(error, text));
  }
  const foreign = describeForeignJson(doc);
  if (foreign) throw new ImportError(foreign);
  return parseJsonExport(text).papers;
}

/** Reads an import file, our JSON or BibTeX by content; throws ImportError (prefixed with the file name) or returns every entry. */
export function parseImport(text: string, fileName: string): ParsedImport {
  try {
    checkImportSize(text);
    const foreign = describeForeignText(text);
    if (foreign) throw new ImportError(foreign);
    const whole = text.replace(/^\uFEFF/, '');
    const body = whole.trimStart();
    if (body.startsWith('{') || body.startsWith('[')) return { format: 'json', papers: readJson(body), skipped: [] };
    // Line numbers count from the file's first line, so the text is passed untrimmed.
    if (/@\s*[a-z]+\s*[{(]/i.test(body)) {
      const { papers, skipped } = parseBibtex(whole);
      return { format: 'bibtex', papers: papers.map(({ line: _line, ...paper }) => paper), skipped };
    }
    throw new ImportError('The file is neither a Paper Lens JSON export nor a BibTeX file.');
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`${fileName}: ${error.message}`);
    throw error;
  }
}

/** Reads an import file from its bytes: decoded as decode-text.ts says, then as parseImport does. */
export function parseImportBytes(bytes: Uint8Array, fileName: string): ParsedImport & { encoding: ImportEncoding } {
  const { text, encoding } = decodeImportBytes(bytes);
  return { ...parseImport(text, fileName), encoding };
}
