// Markdown export: a GitHub-flavoured task list (checked = read). Escaping is hand-written because
// it is a few CommonMark rules; a Markdown library parses or renders Markdown, it does not escape
// plain text for it.
import type { SavedPaper } from './saved-list';
import { paperLink } from './types';

/** Escapes inline Markdown in one line of plain text (emphasis, code, links, HTML, tables, entities). */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** Escapes one line of plain text so it renders as itself, also where it starts a line. */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownInline(text.replace(/\s+/g, ' ').trim())
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A URL usable as a Markdown link target (http and https only), or null. */
export function markdownUrl(url: string | null): string | null {
  const link = url?.trim();
  if (!link || !/^https?:\/\/\S/i.test(link)) return null;
  // encodeURIComponent leaves ( and ) alone, and they would end the link early.
  return link.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The paper's title, as a link when it has a URL or an arXiv id. */
export function titleMarkdown(paper: Pick<SavedPaper, 'title' | 'url' | 'arxivId'>): string {
  const title = escapeMarkdown(paper.title);
  const url = markdownUrl(paperLink(paper));
  return url ? `[${title}](${url})` : title;
}

/** A note as a block quote, indented by `indent`; empty lines stay in the quote. */
export function quoteMarkdown(note: string, indent = ''): string[] {
  const lines = note.replace(/\r\n?/g, '\n').trim().split('\n');
  return lines.map((line) => (line.trim() ? `${indent}> ${escapeMarkdown(line)}` : `${indent}>`));
}

function item(paper: SavedPaper): string[] {
  const details = [paper.read ? 'read' : 'unread'];
  if (paper.authors?.length) details.unshift(paper.authors.map(escapeMarkdown).join('; '));
  if (paper.arxivId) details.push(`arXiv:${escapeMarkdownInline(paper.arxivId)}`);
  if (paper.tags.length > 0) details.push(`tags: ${paper.tags.map(escapeMarkdown).join(', ')}`);
  // A trailing backslash is CommonMark's visible hard line break.
  const lines = [`- [${paper.read ? 'x' : ' '}] ${titleMarkdown(paper)}\\`, `  ${details.join(' · ')}`];
  if (paper.note.trim()) lines.push('', ...quoteMarkdown(paper.note, '  '));
  return lines;
}

/** The reading list as a readable Markdown document. */
export function toMarkdown(papers: readonly SavedPaper[], heading = 'Reading list'): string {
  const lines = [`# ${escapeMarkdown(heading)}`, ''];
  if (papers.length === 0) lines.push('_No papers saved._');
  for (const paper of papers) lines.push(...item(paper), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
