/** The kinds of page Paper Lens reads. */
export type PageKind =
  'arxiv-abs' | 'arxiv-list' | 'arxiv-search' | 'arxiv-html' | 'arxiv-pdf' | 'hf-paper' | 'hf-list' | 'hf-model';

/** One paper title found on a page. */
export interface DetectedPaper {
  /** The element holding the title. */
  anchor: Element;
  /** Where the badge goes: at the end of the anchor, or right after it (links, so a click never navigates). */
  placement: 'inside' | 'after';
  /**
   * On a listing, the line the badge marks instead of sitting beside the title: on arXiv, the
   * entry's short id line. Such badges are drawn in Paper Lens's own layer at the end of that line
   * (content/badge-layer.ts), never inserted into it: inserting badges into a listing's lines
   * relays out every line.
   */
  badgeAt?: Element;
  /** The title as the page shows it: whitespace collapsed, labels and footnote marks left out. */
  title: string;
  arxivId: string | null;
}

/** What a page holds: its kind, its paper titles, and on single-paper pages the abstract. */
export interface PageDetection {
  kind: PageKind;
  /** True on pages about one paper (arXiv abstract and HTML, Hugging Face paper page). */
  single: boolean;
  papers: DetectedPaper[];
  abstract: string | null;
  /** The element after which the related-work panel goes (single-paper pages). */
  abstractAnchor: Element | null;
}

/** A page of many papers (listing, search, model card): the papers found, no abstract. */
export function listingDetection(kind: PageKind, papers: (DetectedPaper | null)[]): PageDetection {
  return {
    kind,
    single: false,
    papers: papers.filter((p): p is DetectedPaper => p !== null),
    abstract: null,
    abstractAnchor: null,
  };
}
