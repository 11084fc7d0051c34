import { ARXIV_ID } from '../pages/arxiv';

/** A paper named by its arXiv identity rather than its title. */
export interface PaperRef {
  /** The arXiv id without its version: '2403.03507', 'hep-th/9901001'. */
  arxivId: string;
  /** The version asked for ('v2' -> 2), when the text named one. */
  version: number | null;
}

const ID = ARXIV_ID.source;
// Each form a person pastes: a bare id, 'arXiv:' ids, arXiv abs/pdf/html URLs (any mirror
// subdomain, '.pdf', a trailing slash, a query or fragment), Hugging Face paper pages, and
// arXiv's DOIs (bare, 'doi:' or as a doi.org URL).
const FORMS = [
  String.raw`(?:arxiv\s*:\s*)?${ID}`,
  String.raw`(?:https?://)?(?:[a-z]+\.)?arxiv\.org/(?:abs|pdf|html)/${ID}(?:\.pdf)?/?(?:[?#]\S*)?`,
  String.raw`(?:https?://)?(?:www\.)?huggingface\.co/papers/${ID}/?(?:[?#]\S*)?`,
  String.raw`(?:(?:https?://)?(?:dx\.)?doi\.org/|doi\s*:\s*)?10\.48550/arxiv\.${ID}`,
];
const WHOLE = FORMS.map((form) => new RegExp(`^${form}$`, 'i'));
const QUOTES = /^[\s"'`<([]+|[\s"'`>)\].,;]+$/g;

/** A month 01-12 in YYMM, and 4 digits after the dot before 2015, 5 since ('2413.00001' is no id). */
function validNewId(id: string): boolean {
  const [, yymm, number] = /^(\d{4})\.(\d+)$/.exec(id) ?? [];
  if (yymm === undefined || number === undefined) return false;
  const month = Number(yymm.slice(2));
  return month >= 1 && month <= 12 && number.length === (Number(yymm) >= 1501 ? 5 : 4);
}

/**
 * The arXiv paper a search text names, when the whole text is an id, an arXiv or Hugging Face URL
 * or an arXiv DOI; null for anything else (a title, words). Old-style ids keep their archive's case.
 */
export function parsePaperRef(text: string): PaperRef | null {
  const trimmed = text.trim().replace(QUOTES, '');
  if (trimmed.length === 0 || trimmed.length > 300) return null;
  for (const pattern of WHOLE) {
    const found = pattern.exec(trimmed);
    if (!found) continue;
    const id = found[1]!;
    const oldStyle = id.includes('/');
    // Archives are lower case ('hep-th'); a subject class is upper ('math.GT').
    const arxivId = oldStyle ? id.replace(/^[a-z-]+/i, (archive) => archive.toLowerCase()) : id;
    if (!oldStyle && !validNewId(arxivId)) return null;
    return { arxivId, version: found[2] ? Number(found[2].slice(1)) : null };
  }
  return null;
}

/** The arXiv abstract page of an id: a link the user follows, never a request Paper Lens makes. */
export function abstractUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}
