/** Whether a page is dark: Hugging Face marks its dark mode with a class; otherwise the background decides. */
export function pageTheme(doc: Document): 'light' | 'dark' {
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
