import { mergeSeedPapers } from './merge';
import { parseSeedPage, type SeedParseError } from './parse-seed';
import type { Paper, SeedPaper } from './types';

/** A seed file's name and text. */
export interface SeedFile {
  name: string;
  text: string;
}

/** The merged corpus, and every line of every seed file that could not be placed. */
export interface ParsedCorpus {
  papers: Paper[];
  errors: SeedParseError[];
}

/** Parses every seed file (in name order, so ids and order never depend on the file system) and merges them. */
export function parseCorpus(files: SeedFile[]): ParsedCorpus {
  const seedPapers: SeedPaper[] = [];
  const errors: SeedParseError[] = [];
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const result = parseSeedPage(file.text, file.name);
    // Not push(...items): spreading more than ~125,000 arguments overflows the call stack.
    for (const paper of result.papers) seedPapers.push(paper);
    for (const error of result.errors) errors.push(error);
  }
  return { papers: mergeSeedPapers(seedPapers), errors };
}
