// Applies the write an import preview promised (import-write.ts), exactly: the popup sends the
// planned entries, in parts when they do not fit one message, and the background writes them in one
// storage change once the last part arrives, after checking that the list is still the one the
// preview was planned against. Nothing is planned here, so what the preview said is what is written.
import { applyWrite, type ImportWrite, type ImportWritePart } from './import-write';
import { updateSavedList } from './saved-list';
import { ImportError } from './types';

/** What an applied import did. */
export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** The most parts one import may be sent in: 1,000 parts of PART_SIZE entries hold any 5 MB file. */
export const MAX_IMPORT_PARTS = 1000;

/** The parts of the one import being sent, held in memory until its apply (a newer import replaces it). */
let staged: { id: string; parts: Map<number, ImportWritePart> } | null = null;

/** Holds part `part` of import `id` until it is applied; answers how many parts are held. */
export function stageImport(id: string, part: number, data: ImportWritePart): number {
  if (staged?.id !== id) staged = { id, parts: new Map() };
  staged.parts.set(part, data);
  return staged.parts.size;
}

/** Writes a whole planned import in one storage change; `opId` as in updateSavedList. */
export function applyImportWrite(write: ImportWrite | (() => ImportWrite), opId?: number): Promise<ImportResult> {
  return updateSavedList((papers) => {
    // Built inside the change: a retried apply already written answers from the op log instead.
    const whole = typeof write === 'function' ? write() : write;
    return {
      papers: applyWrite(papers, whole),
      result: { added: whole.add.length, updated: whole.update.length, unchanged: whole.unchanged },
    };
  }, opId);
}

/**
 * Applies import `id`: its staged parts 0..parts-2 and `last`, the final part. Throws ImportError
 * (nothing written) when a part is missing, as when the background restarted while they were sent.
 */
export function applyImport(
  request: { id: string; basis: string; unchanged: number; parts: number; last: ImportWritePart },
  opId?: number,
): Promise<ImportResult> {
  const { id, basis, unchanged, parts, last } = request;
  const held = staged?.id === id ? staged.parts : new Map<number, ImportWritePart>();
  if (staged?.id === id) staged = null;
  return applyImportWrite(() => {
    const write: ImportWrite = { basis, add: [], update: [], unchanged };
    for (let part = 0; part < parts; part++) {
      const data = part === parts - 1 ? last : held.get(part);
      if (!data) {
        throw new ImportError(
          'Part of the import was lost before it was written (Paper Lens restarted). Nothing was imported: choose the file again.',
        );
      }
      write.add.push(...data.add);
      write.update.push(...data.update);
    }
    return write;
  }, opId);
}
