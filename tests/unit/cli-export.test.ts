import { spawnSync } from 'node:child_process';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

/** Runs the CLI exactly as a maintainer does: through npm. */
function corpus(args: string[]) {
  const result = spawnSync('npm', ['run', '-s', 'corpus', '--', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run corpus -- export', () => {
  it('writes the corpus as BibTeX: the @preamble and one @misc entry per paper', () => {
    const { code, stdout } = corpus(['export', '--format', 'bibtex']);
    expect(code).toBe(0);
    expect(stdout.startsWith('@preamble{')).toBe(true);
    expect(stdout.match(/^@misc\{/gm)).toHaveLength(465);
    expect(stdout).toContain('title = {{MMRL: Multi-Modal Representation Learning for Vision-Language Models}}');
  });

  it('writes CSV, JSON and Markdown with every paper', () => {
    const csv = corpus(['export', '--format', 'csv']).stdout;
    expect(Papa.parse(csv.slice(1), { skipEmptyLines: true }).data).toHaveLength(466);
    const json = JSON.parse(corpus(['export', '--format', 'json']).stdout) as { papers: unknown[] };
    expect(json.papers).toHaveLength(465);
    expect(corpus(['export', '--format', 'markdown']).stdout.match(/^- \[ \] /gm)).toHaveLength(465);
  }, 120_000);

  it('refuses an unknown format with the list of formats', () => {
    const { code, stderr } = corpus(['export', '--format', 'ris']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: --format must be one of bibtex, csv, json, markdown, not "ris"');
  });
});

describe('npm run corpus -- import-preview', () => {
  it('prints one JSON object: entries, new, merged, linkedToCorpus and skipped lines with reasons', () => {
    const { code, stdout } = corpus(['import-preview', 'tests/fixtures/bib/paper-lens-cases.bib']);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({
      entries: 7,
      new: 7,
      merged: 0,
      linkedToCorpus: 2,
      skipped: [
        { line: 46, reason: 'The @misc entry "no-title" has no title.' },
        { line: 51, reason: `The @misc entry "broken" could not be read: a '{' in it is never closed.` },
      ],
    });
  });

  it('says why a file cannot be imported at all, with exit code 1', () => {
    const { code, stderr } = corpus(['import-preview', 'package.json']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: package.json: This JSON file is not a Paper Lens reading-list export.\n');
  });
});
