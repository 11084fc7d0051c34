/** The colour scheme Paper Lens draws in on a page. */
export type Theme = 'light' | 'dark';

/** Whether a page is dark: Hugging Face marks its dark mode with a class; otherwise the background decides. */
export function pageTheme(doc: Document): Theme {
  const root = doc.documentElement;
  if (root.classList.contains('dark')) return 'dark';
  const view = doc.defaultView;
  if (!view) return 'light';
  for (const element of [doc.body, root]) {
    if (!element) continue;
    const rgb = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(view.getComputedStyle(element).backgroundColor);
    if (!rgb || rgb[4] === '0') continue;
    const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110 ? 'dark' : 'light';
  }
  return 'light';
}

/**
 * The page's theme, read again only when the root's classes change: reading the page's colours
 * forces a style pass, too dear for every rescan of a page that changes often.
 */
export function createThemeReader(doc: Document): () => Theme {
  let theme: Theme = 'light';
  let readFor: string | null = null;
  return () => {
    if (readFor !== doc.documentElement.className) {
      readFor = doc.documentElement.className;
      theme = pageTheme(doc);
    }
    return theme;
  };
}
