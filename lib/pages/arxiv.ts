// Everything Paper Lens knows about arxiv.org pages: URL patterns and selectors, in one place.
import { collapseSpace } from '../text/normalize';
import { readText, readTitle } from './text';
import { listingDetection, type DetectedPaper, type PageDetection, type PageKind } from './types';

/** New-style (2403.03507) and old-style (hep-th/9901001) arXiv ids, with an optional version. */
export const ARXIV_ID = /(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Za-z]{2})?\/\d{7})(v\d+)?/;
const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org']);

/** An arXiv id without its version, or null when the text holds none. */
export function arxivIdOf(text: string): string | null {
  return ARXIV_ID.exec(text)?.[1] ?? null;
}

/** The kind of arXiv page a URL is, or null for pages Paper Lens does not read. */
export function classifyArxivUrl(url: URL): PageKind | null {
  if (!ARXIV_HOSTS.has(url.hostname)) return null;
  const path = url.pathname;
  if (path.startsWith('/abs/') && arxivIdOf(path.slice(5))) return 'arxiv-abs';
  if (path.startsWith('/html/') && arxivIdOf(path.slice(6))) return 'arxiv-html';
  if (path.startsWith('/pdf/') && arxivIdOf(path.slice(5))) return 'arxiv-pdf';
  if (/^\/list\/[^/]+\/[^/]+/.test(path)) return 'arxiv-list';
  if (/^\/search(\/|$)/.test(path)) return 'arxiv-search';
  return null;
}

function abstractOf(element: Element | null): string | null {
  if (!element) return null;
  const text = collapseSpace(readText(element).replace(/^abstract\s*:?\s*/i, ''));
  return text || null;
}

/** The id an element links to (/abs/<id>), if any. */
function linkedId(element: Element | null | undefined): string | null {
  const href = element?.querySelector('a[href*="/abs/"]')?.getAttribute('href');
  return href ? arxivIdOf(href.slice(href.indexOf('/abs/') + 5)) : null;
}

function paper(anchor: Element | null, arxivId: string | null): DetectedPaper | null {
  if (!anchor) return null;
  const title = readTitle(anchor);
  return title ? { anchor, title, arxivId, placement: 'inside' } : null;
}

/** Reads an arXiv page of a known kind; a kind this module does not read gives null. */
export function detectArxiv(doc: Document, url: URL, kind: PageKind): PageDetection | null {
  const pathId = arxivIdOf(url.pathname.replace(/^\/(abs|html|pdf)\//, ''));
  switch (kind) {
    case 'arxiv-abs': {
      // The page header has its own h1; the paper's title is h1.title, after a 'Title:' descriptor.
      const found = paper(doc.querySelector('#abs h1.title, .leftcolumn h1.title, h1.title'), pathId);
      const abstract = doc.querySelector('blockquote.abstract');
      return single(kind, found, abstractOf(abstract), abstract);
    }
    case 'arxiv-html': {
      // Section headings are h2.ltx_title too; only the document title is the paper's.
      const found = paper(doc.querySelector('h1.ltx_title_document'), pathId);
      const abstract = doc.querySelector('.ltx_abstract');
      const text = abstract ? abstractOf(abstract.querySelector('p') ?? abstract) : null;
      return single(kind, found, text, abstract);
    }
    case 'arxiv-list': {
      const papers = [...doc.querySelectorAll('dd div.list-title')].map((title) => {
        const dd = title.closest('dd');
        let dt = dd?.previousElementSibling;
        while (dt && dt.tagName !== 'DT') dt = dt.previousElementSibling;
        const found = paper(title, linkedId(dt));
        // The id line ('[1] arXiv:2411.00001 [pdf, html, other]') is short, with room at its end for
        // a badge drawn over the page, not in it (see DetectedPaper.badgeAt).
        return found && dt ? { ...found, badgeAt: dt } : found;
      });
      return listingDetection(kind, papers);
    }
    case 'arxiv-search': {
      const papers = [...doc.querySelectorAll('li.arxiv-result')].map((item) =>
        paper(item.querySelector('p.title'), linkedId(item.querySelector('.list-title'))),
      );
      return listingDetection(kind, papers);
    }
    default:
      return null;
  }
}

function single(
  kind: PageKind,
  found: DetectedPaper | null,
  abstract: string | null,
  anchor: Element | null,
): PageDetection {
  return { kind, single: true, papers: found ? [found] : [], abstract, abstractAnchor: anchor };
}
