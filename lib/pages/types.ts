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
   * Where the badge goes instead, at its end, when not beside the title: on arXiv listings, the
   * entry's short id line. A badge after a title can wrap it onto a new line, and that shift costs a
   * pre-paint of everything below it; on a 2,000-entry listing each such frame took 65 ms.
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
