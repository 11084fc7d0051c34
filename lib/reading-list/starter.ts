// The "related-work starter": the chosen papers, each followed by its nearest corpus papers and
// why they are related, as a Markdown outline to start a related-work section from.
import type { RelatedPaper } from '../corpus/service';
import { escapeMarkdown, quoteMarkdown, titleMarkdown } from './markdown';
import type { ExportPaper } from './types';

/** Options of the starter: how many related papers to list under each chosen paper (default 5). */
export interface StarterOptions {
  limit?: number;
  heading?: string;
}

function section(paper: ExportPaper, related: RelatedPaper[], limit: number): string[] {
  const lines = [`## ${titleMarkdown(paper)}`, ''];
  const facts = [paper.organisation, paper.date].filter((x): x is string => Boolean(x?.trim()));
  if (facts.length > 0) lines.push(escapeMarkdown(facts.join(', ')), '');
  if (paper.note.trim()) lines.push(...quoteMarkdown(paper.note), '');
  // Best first; a stable sort keeps the caller's order among equal scores.
  const top = [...related].sort((a, b) => b.score - a.score).slice(0, limit);
  if (top.length === 0) {
    lines.push('_No related papers in the corpus._');
    return lines;
  }
  lines.push('Related work from the Paper Lens corpus:', '');
  top.forEach((r, i) => lines.push(`${i + 1}. ${escapeMarkdown(r.title)} — ${escapeMarkdown(r.reason)}`));
  return lines;
}

/** The chosen papers, each followed by its top related corpus papers with the reasons, as Markdown. */
export function toRelatedWorkStarter(
  papers: readonly ExportPaper[],
  relatedOf: (paper: ExportPaper) => RelatedPaper[],
  format: 'markdown' = 'markdown',
  options: StarterOptions = {},
): string {
  if (format !== 'markdown') throw new Error(`unsupported starter format: ${String(format)}`);
  const limit = Math.max(0, Math.floor(options.limit ?? 5));
  const lines = [`# ${escapeMarkdown(options.heading ?? 'Related-work starter')}`, ''];
  if (papers.length === 0) lines.push('_No papers chosen._');
  for (const paper of papers) lines.push(...section(paper, relatedOf(paper), limit), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
