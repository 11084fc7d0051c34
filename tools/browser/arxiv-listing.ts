/** One entry of a generated listing. */
export interface ListingEntry {
  id: string;
  title: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An arXiv /list/<cat>/new page with the given entries, in the real markup: dl#articles, a dt
 * holding the id link, a dd with div.list-title after a 'Title:' descriptor. Used for the
 * 2,000-entry (show=2000) tests and benchmark.
 */
export function arxivListingHtml(entries: ListingEntry[]): string {
  const items = entries
    .map(
      (
        entry,
        i,
      ) => `<dt><a name="item${i + 1}">[${i + 1}]</a>&nbsp; <a href="/abs/${entry.id}" title="Abstract" id="${entry.id}">arXiv:${entry.id}</a>
  [<a href="/pdf/${entry.id}" title="Download PDF" id="pdf-${entry.id}">pdf</a>, <a href="https://arxiv.org/html/${entry.id}v1" title="View HTML" id="html-${entry.id}">html</a>, <a href="/format/${entry.id}" title="Other formats" id="oth-${entry.id}">other</a>]
</dt>
<dd>
  <div class='meta'>
    <div class='list-title mathjax'><span class='descriptor'>Title:</span>
      ${escapeHtml(entry.title)}
    </div>
    <div class='list-authors'><a href="https://arxiv.org/a/doe_j_1">Jane Doe</a>, <a href="https://arxiv.org/a/roe_r_1">Richard Roe</a></div>
    <div class='list-subjects'><span class='descriptor'>Subjects:</span>
      <span class="primary-subject">Computation and Language (cs.CL)</span>; Machine Learning (cs.LG)
    </div>
  </div>
</dd>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Computation and Language</title></head>
<body class="with-cu-identity">
<div id="header"><h1><a href="/">arXiv.org</a> &gt; <a href="/list/cs.CL/recent">cs.CL</a></h1></div>
<div id="content">
<div id='content-inner'>
<div id='dlpage'>
<h1>Computation and Language</h1>
<h2>Authors and titles for recent submissions</h2>
<dl id='articles'>
<h3>New submissions (showing ${entries.length} of ${entries.length} entries)</h3>
${items}
</dl>
</div></div></div>
</body></html>`;
}
