// Scraping rewrote Hugging Face links to mirror hosts (hf.barry1.top, hfp.stormocean.uk,
// hf-proxy-*.workers.dev). Any host whose first label is hf, hfp, hf-mirror or hf-proxy* is
// such a mirror; hf.co is Hugging Face's own short domain and stays as the authors wrote it.
const MIRROR_LINK = /\bhttps?:\/\/(hf|hfp|hf-mirror|hf-proxy[\w-]*)((?:\.[a-z0-9-]+)+)(?=[/\s)\]}>,;"']|$)/gi;

/** Maps links on Hugging Face mirror hosts back to https://huggingface.co. */
export function restoreHuggingFaceLinks(text: string): string {
  return text.replace(MIRROR_LINK, (whole, label: string, rest: string) =>
    label.toLowerCase() === 'hf' && rest.toLowerCase() === '.co' ? whole : 'https://huggingface.co',
  );
}
