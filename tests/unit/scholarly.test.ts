// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeReadPage } from '../../lib/tabs/describe-page';
import { createTitleMatcher } from '../../lib/match/match-title';
import { arxivIdIn, doiIn, findScholarlyPapers, readPageMetadata } from '../../lib/pages/scholarly';
import { realPapers } from '../helpers/corpus';

const load = (file: string) =>
  new DOMParser().parseFromString(readFileSync(`tests/fixtures/pages/other/${file}`, 'utf8'), 'text/html');
const papersOf = (file: string) => findScholarlyPapers(readPageMetadata(load(file)));

const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';
const OPENELM = 'OpenELM: An Efficient Language Model Family with Open-source Training and Inference Framework';

describe('findScholarlyPapers over pages of other sites', () => {
  it.each([
    ['acl-paper.html', [{ title: GALORE, arxivId: null, doi: '10.18653/v1/2024.example-1.7', source: 'citation' }]],
    ['openreview-forum.html', [{ title: OPENELM, arxivId: null, doi: null, source: 'citation' }]],
    [
      'blog-jsonld.html',
      [{ title: 'Fully Open Source Moxin-7B Technical Report', arxivId: '2412.06845', doi: null, source: 'json-ld' }],
    ],
    [
      'dc-journal.html',
      [
        {
          title: 'When Vision Transformers Outperform ResNets without Pre-training or Strong Data Augmentations',
          arxivId: null,
          doi: '10.1234/joe.2022.17',
          source: 'dc',
        },
      ],
    ],
    [
      'scholar-results.html',
      [
        { title: GALORE, arxivId: '2403.03507', doi: null, source: 'link' },
        { title: OPENELM, arxivId: '2404.14619', doi: null, source: 'link' },
        {
          title: 'A Study of Something Not in Any Corpus at All',
          arxivId: null,
          doi: '10.5555/example.2031',
          source: 'link',
        },
      ],
    ],
    ['plain-blog.html', [{ title: 'Ten tips for better sourdough', arxivId: null, doi: null, source: 'og' }]],
  ])('%s', (file, expected) => {
    expect(papersOf(file)).toEqual(expected);
  });

  it('finds nothing on a page that names no paper at all', () => {
    const doc = new DOMParser().parseFromString('<p>hello <a href="https://example.org/">x</a></p>', 'text/html');
    expect(findScholarlyPapers(readPageMetadata(doc))).toEqual([]);
  });

  it('bounds what a hostile page can make it read', () => {
    const long = 'A'.repeat(50_000);
    const links = Array.from(
      { length: 2000 },
      (_, i) => `<a href="https://arxiv.org/abs/2401.${String(i).padStart(5, '0')}">x</a>`,
    );
    const doc = new DOMParser().parseFromString(
      `<head><meta name="citation_title" content="${long}"></head><body>${links.join('')}</body>`,
      'text/html',
    );
    const data = readPageMetadata(doc);
    expect(data.meta[0]!.content.length).toBe(1000);
    expect(data.links.length).toBe(300);
    expect(findScholarlyPapers({ ...data, meta: [] }).length).toBe(100);
  });

  it('runs from its own source alone, as scripting.executeScript sends it', () => {
    // executeScript serialises the function: it must not reach for anything outside its body.
    const standalone = new Function(`return (${readPageMetadata.toString()})`)() as typeof readPageMetadata;
    expect(findScholarlyPapers(standalone(load('acl-paper.html')))[0]!.title).toBe(GALORE);
  });
});

describe('arxivIdIn and doiIn', () => {
  it.each([
    ['https://arxiv.org/abs/2403.03507v2', '2403.03507'],
    ['https://arxiv.org/pdf/2403.03507', '2403.03507'],
    ['https://arxiv.org/html/2403.03507v1#S2', '2403.03507'],
    ['https://huggingface.co/papers/2403.03507', '2403.03507'],
    ['https://doi.org/10.48550/arXiv.2403.03507', '2403.03507'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://example.org/10.1145/3292500', null],
  ])('arxivIdIn(%s)', (text, id) => expect(arxivIdIn(text)).toBe(id));
  it.each([
    ['https://doi.org/10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['https://doi.org/10.18653%2Fv1%2F2020.acl-main.1', '10.18653/v1/2020.acl-main.1'],
    ['doi:10.1000/ABC).', '10.1000/abc'],
    ['no doi here', null],
  ])('doiIn(%s)', (text, doi) => expect(doiIn(text)).toBe(doi));
});

describe('describeReadPage', () => {
  const matcher = createTitleMatcher(realPapers());
  const deps = {
    matchTitles: async (titles: string[]) => titles.map((t) => matcher.match(t).match),
    lookupSeen: async () => null,
  };

  it('lists a result page’s papers, corpus matches named, the rest not', async () => {
    const described = await describeReadPage(
      'https://scholar.google.com/scholar?q=galore',
      readPageMetadata(load('scholar-results.html')),
      deps,
    );
    expect(described.kind).toBe('other');
    expect(described.status).toBe('detected');
    expect(described.papers.map((p) => [p.title, p.arxivId, p.match?.title ?? null])).toEqual([
      [GALORE, '2403.03507', GALORE],
      [OPENELM, '2404.14619', OPENELM],
      ['A Study of Something Not in Any Corpus at All', null, null],
    ]);
    expect([described.total, described.inCorpus]).toEqual([3, 2]);
  });

  it('says plainly that an ordinary page names no paper (its og:title matches nothing)', async () => {
    const described = await describeReadPage('https://bread.example/', readPageMetadata(load('plain-blog.html')), deps);
    expect(described).toEqual({
      url: 'https://bread.example/',
      kind: 'other',
      status: 'empty',
      papers: [],
      total: 0,
      inCorpus: 0,
    });
  });

  it('names a paper known only by an arXiv id from the ids Paper Lens has seen', async () => {
    const described = await describeReadPage(
      'https://x.example/',
      { meta: [], jsonLd: [], links: [{ href: 'https://arxiv.org/abs/2403.03507', text: '[PDF] arxiv.org' }] },
      { ...deps, lookupSeen: async () => ({ title: GALORE, corpusId: null, seenAt: 1 }) },
    );
    expect(described.papers).toEqual([
      { title: GALORE, arxivId: '2403.03507', match: { id: matcher.match(GALORE).match!.id, title: GALORE } },
    ]);
  });
});
