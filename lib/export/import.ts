// Import: reads our JSON export or a BibTeX file (told apart by content); plan-import.ts then
// plans how the papers join the reading list, so a preview shows the counts before anything is
// written. The BibTeX parser is large, so only the popup's import path loads this module.
import { parseJsonExport } from './json';
import { parseBibtex } from './read-bibtex';
import { checkImportSize, ImportError, type ImportedPaper } from './types';

export { ImportError } from './types';
export type { ImportedPaper } from './types';
export { planImport, type ImportPlan } from './plan-import';

/** What a file held, and which format it was read as. */
export interface ParsedImport {
  format: 'json' | 'bibtex';
  papers: ImportedPaper[];
}

/** Reads an import file, our JSON or BibTeX by content; throws ImportError (prefixed with the file name) or returns every entry. */
export function parseImport(text: string, fileName: string): ParsedImport {
  try {
    checkImportSize(text);
    const body = text.replace(/^\uFEFF/, '').trimStart();
    if (body.startsWith('{') || body.startsWith('[')) {
      return { format: 'json', papers: parseJsonExport(body).papers };
    }
    if (/@\s*[a-z]+\s*[{(]/i.test(body)) return { format: 'bibtex', papers: parseBibtex(body) };
    throw new ImportError('The file is neither a Paper Lens JSON export nor a BibTeX file.');
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`${fileName}: ${error.message}`);
    throw error;
  }
}
