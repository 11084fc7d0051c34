// Import: reads our JSON export or a BibTeX file (told apart by content); plan-import.ts then
// plans how the papers join the reading list, so a preview shows the counts before anything is
// written. Files people pick by mistake (a PDF, RIS, CSL-JSON, a PaperMemory export) are named in
// the error. The BibTeX parser is large, so only the popup's import path loads this module.
import { describeForeignJson, describeForeignText, describeJsonError } from './foreign-files';
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
    const body = text.replace(/^\uFEFF/, '').trimStart();
    if (body.startsWith('{') || body.startsWith('[')) return { format: 'json', papers: readJson(body) };
    if (/@\s*[a-z]+\s*[{(]/i.test(body)) return { format: 'bibtex', papers: parseBibtex(body) };
    throw new ImportError('The file is neither a Paper Lens JSON export nor a BibTeX file.');
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`${fileName}: ${error.message}`);
    throw error;
  }
}
