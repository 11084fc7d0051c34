// Everything Paper Lens knows about huggingface.co pages: URL patterns and selectors, in one place.
import { collapseSpace } from '../text/normalize';
import { arxivIdOf } from './arxiv';
import { readText, readTitle } from './text';
import { listingDetection, type DetectedPaper, type PageDetection, type PageKind } from './types';

// First path segments that are site sections, not an organisation or user owning a model.
const RESERVED = new Set([
  'papers',
  'models',
  'datasets',
  'spaces',
  'docs',
  'blog',
  'learn',
  'login',
  'join',
  'pricing',
  'settings',
  'collections',
  'organizations',
  'enterprise',
  'tasks',
  'posts',
  'chat',
  'api',
  'search',
  'notifications',
  'new',
  'support',
  'terms-of-service',
  'privacy',
  'inference-endpoints',
]);

/** The kind of Hugging Face page a URL is, or null for pages Paper Lens does not read. */
export function classifyHuggingFaceUrl(url: URL): PageKind | null {
  if (url.hostname !== 'huggingface.co') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'papers') {
    if (parts.length === 2 && arxivIdOf(parts[1]!)) return 'hf-paper';
    if (parts.length === 1 || ['date', 'trending', 'week', 'month'].includes(parts[1]!)) return 'hf-list';
    return null;
  }
  if (parts[0] === 'datasets' && parts.length >= 3) return 'hf-model';
  if (parts.length >= 2 && !RESERVED.has(parts[0]!)) return 'hf-model';
  return null;
}

/** The arXiv id a Hugging Face or arXiv paper link points to. */
function linkedPaperId(href: string | null): string | null {
  if (!href) return null;
  const at = href.search(/\/papers\/|arxiv\.org\/(abs|pdf)\//);
  return at < 0 ? null : arxivIdOf(href.slice(at));
}

// A link's text is a title when it reads like one: several words, not a URL, an id or a label.
function looksLikeTitle(text: string): boolean {
  return (
    text.length >= 12 &&
    text.length <= 400 &&
    /\s/.test(text) &&
    !/^(https?:|www\.|arxiv\b|paper\b|\[?\d{4}\.\d{4,5})/i.test(text)
  );
}

function paper(anchor: Element | null, arxivId: string | null): DetectedPaper | null {
  if (!anchor) return null;
  const title = readTitle(anchor);
  return title ? { anchor, title, arxivId, placement: anchor.tagName === 'A' ? 'after' : 'inside' } : null;
}

/**
 * The abstract of a paper page: the paragraphs beside the 'Abstract' heading. The AI-generated
 * summary sits in a box of its own in the same section and is not the abstract.
 */
function abstractSection(doc: Document): { text: string | null; anchor: Element | null } {
  const heading = [...doc.querySelectorAll('main h2, main h3, h2, h3')].find(
    (h) => collapseSpace(h.textContent ?? '').toLowerCase() === 'abstract',
  );
  const section = heading?.parentElement;
  if (!heading || !section) return { text: null, anchor: null };
  const paragraphs = [...section.children].filter((el) => el.tagName === 'P');
  const source = paragraphs.length > 0 ? paragraphs : [heading.nextElementSibling].filter((el) => el !== null);
  const text = collapseSpace(source.map((el) => readText(el)).join(' '));
  return { text: text || null, anchor: section };
}

/** Reads a Hugging Face page of a known kind; a kind this module does not read gives null. */
export function detectHuggingFace(doc: Document, url: URL, kind: PageKind): PageDetection | null {
  switch (kind) {
    case 'hf-paper': {
      const id = arxivIdOf(url.pathname.slice('/papers/'.length));
      const found = paper(doc.querySelector('main h1') ?? doc.querySelector('h1'), id);
      const abstract = abstractSection(doc);
      return {
        kind,
        single: true,
        papers: found ? [found] : [],
        abstract: abstract.text,
        abstractAnchor: abstract.anchor,
      };
    }
    case 'hf-list': {
      const headings = new Set(
        [...doc.querySelectorAll('article h3 a[href*="/papers/"], h3 a[href^="/papers/"]')].map((a) =>
          a.closest('h3')!,
        ),
      );
      const papers = [...headings].map((h3) =>
        paper(h3, linkedPaperId(h3.querySelector('a')?.getAttribute('href') ?? null)),
      );
      return listingDetection(kind, papers);
    }
    case 'hf-model': {
      const links = doc.querySelectorAll(
        '.model-card-content a[href], .prose a[href], article a[href*="/papers/"], article a[href*="arxiv.org/abs/"]',
      );
      const seen = new Set<Element>();
      const papers = [...links].map((link) => {
        const id = linkedPaperId(link.getAttribute('href'));
        if (!id || seen.has(link)) return null;
        seen.add(link);
        const found = paper(link, id);
        return found && looksLikeTitle(found.title) ? found : null;
      });
      return listingDetection(kind, papers);
    }
    default:
      return null;
  }
}
