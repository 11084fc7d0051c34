// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTitleMatcher } from '../../lib/match/match-title';
import { classifyUrl, detectPage } from '../../lib/pages/detect';
import { realPapers } from '../helpers/corpus';

interface FixturePage {
  file: string;
  url: string;
  kind: string;
  papers: { title: string; arxivId: string | null; corpusTitle: string | null }[];
  abstract: string | null;
}

const FIXTURES = 'tests/fixtures/pages';
const pages = JSON.parse(readFileSync(`${FIXTURES}/manifest.json`, 'utf8')) as FixturePage[];
const matcher = createTitleMatcher(realPapers());

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${FIXTURES}/${file}`, 'utf8'), 'text/html');
}

describe('detectPage over fixture pages that follow the real markup', () => {
  it.each(pages.map((page) => [page.file, page] as const))('%s', (_file, page) => {
    const detection = detectPage(load(page.file), new URL(page.url));
    expect(detection?.kind).toBe(page.kind);
    expect(detection?.papers.map((p) => ({ title: p.title, arxivId: p.arxivId }))).toEqual(
      page.papers.map((p) => ({ title: p.title, arxivId: p.arxivId })),
    );
    expect(detection?.abstract ?? null).toBe(page.abstract);
    // What the badge will say: each detected title matched to the right corpus paper, or to none.
    expect(detection?.papers.map((p) => matcher.match(p.title).match?.title ?? null)).toEqual(
      page.papers.map((p) => p.corpusTitle),
    );
  });
});

describe('classifyUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2403.03507', 'arxiv-abs'],
    ['https://arxiv.org/abs/2403.03507v2', 'arxiv-abs'],
    ['https://arxiv.org/abs/hep-th/9901001', 'arxiv-abs'],
    ['https://arxiv.org/html/2403.03507v1', 'arxiv-html'],
    ['https://arxiv.org/pdf/2403.03507', 'arxiv-pdf'],
    ['https://arxiv.org/list/cs.CL/new', 'arxiv-list'],
    ['https://arxiv.org/list/cs.LG/pastweek?show=2000', 'arxiv-list'],
    ['https://arxiv.org/search/?query=bert&searchtype=all', 'arxiv-search'],
    ['https://huggingface.co/papers/2403.03507', 'hf-paper'],
    ['https://huggingface.co/papers', 'hf-list'],
    ['https://huggingface.co/papers/date/2025-01-05', 'hf-list'],
    ['https://huggingface.co/papers/trending', 'hf-list'],
    ['https://huggingface.co/meta-llama/Llama-3.1-8B', 'hf-model'],
    ['https://huggingface.co/datasets/HuggingFaceFW/fineweb', 'hf-model'],
    ['https://arxiv.org/', null],
    ['https://arxiv.org/abs/', null],
    ['https://huggingface.co/docs/transformers', null],
    ['https://huggingface.co/spaces/x/y', null],
    ['https://example.org/abs/2403.03507', null],
  ])('%s -> %s', (url, kind) => {
    expect(classifyUrl(new URL(url))).toBe(kind);
  });
});

describe('detectPage', () => {
  it('reads nothing on a page Paper Lens does not know', () => {
    expect(detectPage(load('arxiv-abs.html'), new URL('https://example.org/'))).toBeNull();
  });

  it('leaves out its own badges when it reads a title again', () => {
    const doc = load('arxiv-abs.html');
    const h1 = doc.querySelector('h1.title')!;
    const host = doc.createElement('span');
    host.setAttribute('data-paper-lens-host', 'badge');
    host.textContent = 'In corpus';
    h1.append(host);
    expect(detectPage(doc, new URL('https://arxiv.org/abs/2403.03507'))?.papers[0]?.title).toBe(
      'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
    );
  });

  it('reads a title MathJax 2 has rendered from its TeX source', () => {
    const doc = load('arxiv-abs-tex.html');
    const h1 = doc.querySelector('h1.title')!;
    h1.innerHTML =
      '<span class="descriptor">Title:</span>AstroM<span class="MathJax_Preview"></span><span class="MathJax"><span>3</span></span><script type="math/tex">^3</script>: A self-supervised multimodal model for astronomy';
    const title = detectPage(doc, new URL('https://arxiv.org/abs/2411.08842'))!.papers[0]!.title;
    expect(title).toBe('AstroM$^3$: A self-supervised multimodal model for astronomy');
  });
});
