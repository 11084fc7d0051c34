import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCorpus } from '../../lib/corpus/corpus-files';
import { buildCorpusFiles, readTitleIndexModule, writeCorpusFiles } from '../../scripts/build-corpus';
import { realPapers } from '../helpers/corpus';

const dirs: string[] = [];
afterEach(() => {
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  vi.restoreAllMocks();
});

function seedDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-lens-seeds-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('buildCorpusFiles', () => {
  it('fails the build on a seed line it cannot place, naming file and line', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => errors.push(message));
    const dir = seedDir({ 'bad.txt': 'Subscribe\n\nA title with no abstract\n' });
    await expect(buildCorpusFiles(dir, dir)).rejects.toThrow('1 seed line(s) could not be placed');
    expect(errors).toEqual(['bad.txt:3: paper title with no abstract after it: "A title with no abstract"']);
  });
});

describe('writeCorpusFiles and openCorpus', () => {
  it('writes files the reader opens into a working corpus', async () => {
    const out = mkdtempSync(join(tmpdir(), 'paper-lens-corpus-'));
    dirs.push(out);
    const papers = realPapers().slice(0, 40);
    writeCorpusFiles(papers, out, out);
    const corpus = openCorpus({
      bytes: async () => readTitleIndexModule(out),
      text: async (file) => readFileSync(join(out, file), 'utf8'),
    });
    const titles = await corpus.titles();
    expect(titles.size).toBe(40);
    expect(titles.matchTitle(papers[3]!.title).match?.id).toBe(papers[3]!.id);
    expect(titles.titleOf(papers[5]!.id)).toBe(papers[5]!.title);
    expect(titles.hasPaper('no-such-paper')).toBe(false);
    const service = await corpus.service();
    expect(service.getPaper(papers[3]!.id)).toEqual(papers[3]);
    expect((await service.related(papers[3]!.id, 3)).map((r) => r.id)).toHaveLength(3);
    expect(await corpus.service()).toBe(service);
  });

  it('names the problem when the title index module is not one', () => {
    const out = mkdtempSync(join(tmpdir(), 'paper-lens-corpus-'));
    dirs.push(out);
    writeFileSync(join(out, 'title-index.js'), 'export default 42;\n');
    expect(() => readTitleIndexModule(out)).toThrow(
      'title-index.js is not a title index module; run npm run corpus:build',
    );
  });
});
