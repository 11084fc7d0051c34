import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCorpusFiles } from '../../scripts/build-corpus';

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
  it('fails the build on a seed line it cannot place, naming file and line', () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => errors.push(message));
    const dir = seedDir({ 'bad.txt': 'Subscribe\n\nA title with no abstract\n' });
    expect(() => buildCorpusFiles(dir, dir)).toThrow('1 seed line(s) could not be placed');
    expect(errors).toEqual(['bad.txt:3: paper title with no abstract after it: "A title with no abstract"']);
  });
});
