// Any page, on any site, that names a paper the way scholarly sites do for indexers: Highwire
// `citation_*` meta tags (Google Scholar's inclusion guidelines), Dublin Core `DC.*`, schema.org
// JSON-LD `ScholarlyArticle`, and as a last resort Open Graph's `og:title`; on a page of many
// papers (a list of results), its links to arXiv and to DOIs. The popup reads a page this way once,
// through `activeTab`, when the reader opens it there: no host permission, nothing runs before.
import { ARXIV_ID } from './arxiv';

/** What `readPageMetadata` takes from a page: plain, bounded strings, never markup. */
export interface PageMetadata {
  /** Meta tags whose name or property matters here, in page order. */
  meta: { name: string; content: string }[];
  /** The text of each `application/ld+json` script. */
  jsonLd: string[];
  /** Links to arXiv or to a DOI, with their text. */
  links: { href: string; text: string }[];
}

/** A paper a page names: its title when the page gives one, and whatever ids it carries. */
export interface FoundPaper {
  title: string | null;
  arxivId: string | null;
  doi: string | null;
  /** Where it was read; `og` is weak evidence (any page has an og:title) and is shown only when it matches. */
  source: 'citation' | 'dc' | 'json-ld' | 'link' | 'og';
}

/**
 * Reads what a page says of the papers on it. It runs inside the page through
 * `scripting.executeScript({ func })`, which sends the function's source alone: it must not use
 * anything from outside its own body (a unit test evaluates its source standalone to hold that).
 */
export function readPageMetadata(doc: Document = document): PageMetadata {
  const MAX_TEXT = 1000;
  const MAX_ITEMS = 300;
  const MAX_JSON = 200_000;
  const NAMES = /^(citation_title|citation_arxiv_id|citation_doi|citation_pdf_url|dc\.title|dc\.identifier|og:title)$/i;
  const LINK = /arxiv\.org\/(abs|pdf|html)\/|doi\.org\/10\.|^https?:\/\/(www\.)?huggingface\.co\/papers\//i;
  const clip = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  const meta: PageMetadata['meta'] = [];
  for (const element of Array.from(doc.querySelectorAll('meta[name], meta[property]')).slice(0, MAX_ITEMS * 4)) {
    const name = element.getAttribute('name') ?? element.getAttribute('property') ?? '';
    if (NAMES.test(name) && meta.length < MAX_ITEMS)
      meta.push({ name: name.toLowerCase(), content: clip(element.getAttribute('content')) });
  }
  const jsonLd = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))
    .slice(0, 20)
    .map((script) => (script.textContent ?? '').slice(0, MAX_JSON));
  const links: PageMetadata['links'] = [];
  for (const anchor of Array.from(doc.querySelectorAll('a[href]'))) {
    if (links.length >= MAX_ITEMS) break;
    const href = (anchor as HTMLAnchorElement).href || anchor.getAttribute('href') || '';
    if (LINK.test(href)) links.push({ href: href.slice(0, MAX_TEXT), text: clip(anchor.textContent) });
  }
  return { meta, jsonLd, links };
}

const MAX_PAPERS = 100;
const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+)/i;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

/** The arXiv id in a URL or text (an abs/pdf/html link, an arXiv DOI, a bare id), or null. */
export function arxivIdIn(text: string): string | null {
  const fromDoi = ARXIV_DOI.exec(doiIn(text) ?? '');
  const target = fromDoi ? fromDoi[1]! : text;
  const path =
    /arxiv\.org\/(?:abs|pdf|html)\/([^?#\s]+)/i.exec(target)?.[1] ??
    /huggingface\.co\/papers\/([^?#\s/]+)/i.exec(target)?.[1];
  return ARXIV_ID.exec(path ?? target)?.[1] ?? null;
}

/** A DOI in a URL or text, lower-cased, its trailing punctuation left out; or null. */
export function doiIn(text: string): string | null {
  const found = DOI.exec(decodeSafely(text))?.[1];
  return found ? found.replace(/[.,;)\]]+$/, '').toLowerCase() : null;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A link text that reads as a title: some words, not an id, a URL or a label such as "[PDF]". */
function titleLike(text: string): boolean {
  if (text.split(' ').length < 3) return false;
  return !/^(\[?pdf\]?|arxiv|doi|https?:)/i.test(text) && arxivIdIn(text) === null && doiIn(text) === null;
}

function isScholarlyType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && t.endsWith('ScholarlyArticle'));
}

/** Every ScholarlyArticle in a JSON-LD value: top level, in @graph, in lists, nested one in another. */
function scholarlyArticles(value: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 8 || out.length >= MAX_PAPERS || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_PAPERS * 2)) scholarlyArticles(item, out, depth + 1);
    return;
  }
  const object = value as Record<string, unknown>;
  if (isScholarlyType(object['@type'])) out.push(object);
  for (const key of ['@graph', 'itemListElement', 'item', 'hasPart', 'mainEntity']) {
    if (key in object) scholarlyArticles(object[key], out, depth + 1);
  }
}

function firstText(value: unknown): string | null {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim().slice(0, 1000) || null;
  if (Array.isArray(value)) return firstText(value[0]);
  return null;
}

/** The strings a JSON-LD article gives as its ids and links. */
function idsOf(article: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['identifier', 'sameAs', 'url', '@id']) {
    const values = Array.isArray(article[key]) ? (article[key] as unknown[]) : [article[key]];
    for (const value of values) {
      if (typeof value === 'string') out.push(value);
      else if (value && typeof value === 'object') {
        const inner = (value as Record<string, unknown>).value ?? (value as Record<string, unknown>)['@id'];
        if (typeof inner === 'string') out.push(inner);
      }
    }
  }
  return out;
}

function fromIds(ids: string[]): { arxivId: string | null; doi: string | null } {
  let arxivId: string | null = null;
  let doi: string | null = null;
  for (const id of ids) {
    arxivId ??= arxivIdIn(id);
    const found = doiIn(id);
    if (found && !ARXIV_DOI.test(found)) doi ??= found;
  }
  return { arxivId, doi };
}

/**
 * The papers a page names, from what `readPageMetadata` took from it: the page's own paper (meta
 * tags, else Dublin Core) and the JSON-LD articles; on a page naming none of those, its arXiv and
 * DOI links (a list of results); og:title only when nothing else names a paper.
 */
export function findScholarlyPapers(data: PageMetadata): FoundPaper[] {
  const all = (name: string) => data.meta.filter((m) => m.name === name && m.content).map((m) => m.content);
  const first = (name: string) => all(name)[0] ?? null;
  const found: FoundPaper[] = [];
  const citationTitle = first('citation_title');
  const dcTitle = first('dc.title');
  if (citationTitle || dcTitle) {
    const ids = [
      ...all('citation_arxiv_id').map((id) => `arxiv.org/abs/${id}`),
      ...all('citation_doi'),
      ...all('citation_pdf_url'),
      ...all('dc.identifier'),
    ];
    found.push({ title: citationTitle ?? dcTitle, ...fromIds(ids), source: citationTitle ? 'citation' : 'dc' });
  }
  for (const source of data.jsonLd) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch {
      continue; // a page's broken JSON-LD is its own business
    }
    const articles: Record<string, unknown>[] = [];
    scholarlyArticles(parsed, articles);
    for (const article of articles) {
      const title = firstText(article.headline) ?? firstText(article.name);
      if (title) found.push({ title, ...fromIds(idsOf(article)), source: 'json-ld' });
    }
  }
  if (found.length === 0) {
    for (const link of data.links) {
      const { arxivId, doi } = fromIds([link.href]);
      if (arxivId || doi) found.push({ title: titleLike(link.text) ? link.text : null, arxivId, doi, source: 'link' });
    }
  }
  const ogTitle = first('og:title');
  if (found.length === 0 && ogTitle) found.push({ title: ogTitle, arxivId: null, doi: null, source: 'og' });
  return dedupe(found).slice(0, MAX_PAPERS);
}

/** One paper per id or title: a later mention fills in what an earlier one lacked. */
function dedupe(papers: FoundPaper[]): FoundPaper[] {
  const out: FoundPaper[] = [];
  const byKey = new Map<string, FoundPaper>();
  for (const paper of papers) {
    const keys = [
      paper.arxivId && `arxiv:${paper.arxivId}`,
      paper.doi && `doi:${paper.doi}`,
      paper.title && `title:${paper.title.toLowerCase()}`,
    ].filter((key): key is string => Boolean(key));
    const known = keys.map((key) => byKey.get(key)).find(Boolean);
    if (known) {
      known.title ??= paper.title;
      known.arxivId ??= paper.arxivId;
      known.doi ??= paper.doi;
    } else out.push(paper);
    const target = known ?? paper;
    for (const key of keys) byKey.set(key, target);
  }
  return out;
}
