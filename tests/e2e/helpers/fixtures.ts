// The fixture pages (tests/fixtures/pages) and their manifest, shared by the end-to-end files.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One paper a fixture page shows, as a careful detector reads it. */
export interface ExpectedPaper {
  title: string;
  arxivId: string | null;
  corpusTitle: string | null;
}

/** One fixture page: its file, the URL it is served at, and what it holds. */
export interface Fixture {
  file: string;
  url: string;
  kind: string;
  papers: ExpectedPaper[];
  abstract: string | null;
}

export const FIXTURES_DIR = resolve(fileURLToPath(new URL('../../fixtures/pages', import.meta.url)));
export const MANIFEST: Fixture[] = JSON.parse(readFileSync(join(FIXTURES_DIR, 'manifest.json'), 'utf8'));

/** The manifest entry of a fixture file. */
export function fixture(file: string): Fixture {
  const found = MANIFEST.find((entry) => entry.file === file);
  if (!found) throw new Error(`${file} is not in tests/fixtures/pages/manifest.json`);
  return found;
}

/** A fixture page's HTML. */
export function fixtureHtml(file: string): string {
  return readFileSync(join(FIXTURES_DIR, file), 'utf8');
}

/** The few extension APIs the tests call from an extension page or the service worker. */
export interface ChromeApi {
  tabs: {
    query(query: { url: string }): Promise<{ id?: number }[]>;
    getCurrent(): Promise<{ id?: number } | undefined>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> } };
}
