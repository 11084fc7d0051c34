import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the CLI exactly as a maintainer does: through npm, so npm's own output would show too. */
function corpus(args: string[], input?: string) {
  const result = spawnSync('npm', ['run', 'corpus', '--', ...args], { encoding: 'utf8', input, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const jsonLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const MMRL_ID = 'mmrl-multimodal-representation-157wjt3';

describe('npm run corpus', () => {
  it('stats prints one JSON object with the paper count and distinct papers per seed file', () => {
    const { code, stdout } = corpus(['stats']);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout) as { papers: number; sources: Record<string, number> };
    expect(stats.papers).toBe(465);
    expect(Object.values(stats.sources)).toEqual([45, 94, 52, 247, 94]);
  });

  it('list prints one {id, title} line per paper', () => {
    const lines = jsonLines(corpus(['list']).stdout);
    expect(lines).toHaveLength(465);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'title']);
  });

  it('match answers a page title, and null with candidates for a sequel', () => {
    const hit = JSON.parse(
      corpus(['match', 'Paper page - MMRL: Multi-Modal Representation Learning for Vision-Language Models']).stdout,
    );
    expect(hit.match).toEqual({
      id: MMRL_ID,
      title: 'MMRL: Multi-Modal Representation Learning for Vision-Language Models',
      score: 1,
      kind: 'title',
    });
    const miss = JSON.parse(
      corpus(['match', 'MMRL++: Multi-Modal Representation Learning for Vision-Language Models']).stdout,
    );
    expect(miss.match).toBeNull();
    expect(miss.candidates[0].id).toBe(MMRL_ID);
  });

  it('match answers an id, URL or DOI from an exported list, or says it has not been seen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-lens-cli-'));
    const list = join(dir, 'list.bib');
    writeFileSync(
      list,
      '@article{mmrl,\n  title = {MMRL: Multi-Modal Representation Learning for Vision-Language Models},\n  eprint = {2503.08497},\n}\n',
    );
    const found = JSON.parse(corpus(['match', 'https://arxiv.org/pdf/2503.08497v2', '--list', list]).stdout);
    expect(found.match).toEqual({
      id: MMRL_ID,
      title: 'MMRL: Multi-Modal Representation Learning for Vision-Language Models',
      score: 1,
      kind: 'id',
    });
    const unseen = JSON.parse(corpus(['match', 'arXiv:hep-th/9901001v1']).stdout);
    expect(unseen).toEqual({
      match: null,
      candidates: [],
      ref: {
        arxivId: 'hep-th/9901001',
        status: 'unseen',
        abstractUrl: 'https://arxiv.org/abs/hep-th/9901001',
        message: 'this id has not been seen yet (pass an exported reading list with --list)',
      },
    });
    const misuse = corpus(['match', 'MMRL', '--list', list]);
    expect(misuse.code).not.toBe(0);
    expect(misuse.stderr).toContain('match --list is for an arXiv id, URL or DOI');
  }, 120_000);

  it('match --jsonl answers each stdin line in order, an empty line with null', () => {
    const { code, stdout } = corpus(
      ['match', '--jsonl'],
      'Attention Is All You Need\n\nTitle: MMRL: Multi-Modal Representation Learning for Vision-Language Models\n',
    );
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.match).toBeNull();
    expect(lines[1]).toEqual({ match: null, candidates: [] });
    expect((lines[2]!.match as { id: string }).id).toBe(MMRL_ID);
  });

  it('related <id> --k N gives exactly N others with reasons', () => {
    const out = JSON.parse(corpus(['related', MMRL_ID, '--k', '15']).stdout) as {
      id: string;
      related: { id: string; title: string; score: number; reason: string }[];
    };
    expect(out.id).toBe(MMRL_ID);
    expect(out.related).toHaveLength(15);
    expect(new Set(out.related.map((r) => r.id)).size).toBe(15);
    expect(out.related.every((r) => r.id !== MMRL_ID && r.reason.length > 0 && typeof r.score === 'number')).toBe(true);
  });

  it('related --all prints one line per paper', () => {
    const lines = jsonLines(corpus(['related', '--all', '--k', '3']).stdout);
    expect(lines).toHaveLength(465);
    expect(lines.every((line) => (line.related as unknown[]).length === 3)).toBe(true);
  });

  it('related --text ranks a paper that is not in the corpus', () => {
    const out = JSON.parse(
      corpus([
        'related',
        '--text',
        'A Vietnamese BERT\nWe pre-train a monolingual BERT model for Vietnamese.',
        '--k',
        '4',
      ]).stdout,
    );
    expect(out.related).toHaveLength(4);
  });

  it('search prints results for a query', () => {
    const out = JSON.parse(corpus(['search', 'galore', '--k', '3']).stdout);
    expect(out.results[0].title).toBe('GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection');
  });

  it.each([
    [['related', 'no-such-id'], 'unknown paper id: no-such-id'],
    [['match', ''], 'the title is empty'],
    [['search', '  '], 'the search query is empty'],
    [['related', MMRL_ID, '--k', 'ten'], '--k takes a whole number of at least 1, not "ten"'],
    [['stats', '--bogus'], "Unknown option '--bogus'"],
    [['search', 'x', '--all'], '"search" does not take --all'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'no command given'],
  ])('%j fails with a message on stderr and nothing on stdout', (args, message) => {
    const { code, stdout, stderr } = corpus(args);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
