import { planImport } from './plan-import';
import type { ImportedPaper } from './types';
import { updateSavedList } from './saved-list';

/** What an applied import did. */
export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** Merges imported papers into the list, planned against the list as it is when written; `opId` as in updateSavedList. */
export function applyImport(incoming: ImportedPaper[], now = Date.now(), opId?: number): Promise<ImportResult> {
  return updateSavedList((papers) => {
    const plan = planImport(papers, incoming, now);
    // Newest first, as everywhere else: an imported paper takes its place by the date it was saved.
    return {
      papers: [...plan.merged].sort((a, b) => b.savedAt - a.savedAt),
      result: { added: plan.add.length, updated: plan.update.length, unchanged: plan.unchanged },
    };
  }, opId);
}
