/** One paper as read from one seed file, before merging. */
export interface SeedPaper {
  title: string;
  abstract: string;
  authorCount: number | null;
  organisation: string | null;
  /** The date exactly as the page printed it ('Mar 12, 2023' or 'Sep 29'). */
  date: string | null;
  upvotes: number | null;
  source: string;
  /** 1-based line of the title in the source file. */
  line: number;
}

/** One corpus paper, merged over every seed file it appears in. */
export interface Paper {
  id: string;
  title: string;
  abstract: string;
  authorCount: number | null;
  organisation: string | null;
  date: string | null;
  upvotes: number | null;
  sources: string[];
}

/** A precomputed related-work entry. */
export interface RelatedRef {
  id: string;
  score: number;
  /** The key terms shared with the paper, best first. */
  terms: string[];
}
