import { classifyArxivUrl, detectArxiv } from './arxiv';
import { classifyHuggingFaceUrl, detectHuggingFace } from './huggingface';
import type { PageDetection, PageKind } from './types';

/** The kind of page a URL is, from the URL alone, or null for pages Paper Lens does not read. */
export function classifyUrl(url: URL): PageKind | null {
  return classifyArxivUrl(url) ?? classifyHuggingFaceUrl(url);
}

/** Identifies the page from its URL first, then reads its DOM; null for pages Paper Lens does not read. */
export function detectPage(doc: Document, url: URL): PageDetection | null {
  const kind = classifyUrl(url);
  if (!kind) return null;
  return kind.startsWith('arxiv-') ? detectArxiv(doc, url, kind) : detectHuggingFace(doc, url, kind);
}
