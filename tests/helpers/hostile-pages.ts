// Hostile pages for tests/e2e/hostile.e2e.ts, generated so that every size and payload is stated
// here once. Each page is served at a real arxiv.org or huggingface.co URL, so the content script runs.
import { arxivListingHtml, type ListingEntry } from '../../tools/browser/arxiv-listing';

/** Payloads set `window.__pwned` (or the parent's) if anything ever runs them as script. */
export const CANARY = '__pwned';

/**
 * Titles that carry markup and script as plain page text (the page escapes them, as arXiv does):
 * a Paper Lens context must show each of them literally and run none of it.
 */
export const MARKUP_TITLES = [
  `Robust <img src=x onerror="window.__pwned='img'"> Vision Transformers`,
  `Sparse </style><script>window.__pwned='script'</script> Mixture Routing`,
  `Efficient <a href="javascript:window.__pwned='a'">Attention</a> Kernels`,
  `Causal "><svg onload="window.__pwned='svg'"> Probing of Language Models`,
  `Prompting </textarea><iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe> at Scale`,
  "Template {{constructor.constructor('window.__pwned=1')()}} ${window.__pwned='tpl'} $& $' $1 Injection",
  'Decoding &lt;img src=x onerror=window.__pwned=1&gt; Entities &amp; Escapes',
  '__proto__',
  'constructor',
];

/** A `javascript:` href that also reads as a link to arXiv abstract `id`; run, it sets the canary. */
export function javascriptHref(id: string): string {
  return `javascript:window.__pwned='href'//arxiv.org/abs/${id}`;
}

/** The arXiv id the markup listing's `javascript:` link names (no other entry has it). */
export const LISTING_SCRIPT_ID = '2401.99999';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * An arXiv listing whose entries are `corpusTitles` around the markup titles; the second entry's
 * id link is a `javascript:` URL.
 */
export function markupListingHtml(corpusTitles: string[]): { html: string; titles: string[] } {
  const titles = [corpusTitles[0]!, ...MARKUP_TITLES, ...corpusTitles.slice(1)];
  const entries: ListingEntry[] = titles.map((title, i) => ({ id: `2401.${String(10001 + i)}`, title }));
  const html = arxivListingHtml(entries).replace(
    `href="/abs/${entries[1]!.id}"`,
    `href="${escapeHtml(javascriptHref(LISTING_SCRIPT_ID))}"`,
  );
  return { html, titles };
}

/**
 * An arXiv /list page in the real listing structure (dl#articles; dt with the /abs/ link; dd > div.meta >
 * div.list-title after a 'Title:' descriptor) without authors, subjects and format links: a quarter of
 * arxivListingHtml's bytes, so a 10,000-entry page parses in seconds on a busy 2-core machine.
 */
export function compactListingHtml(entries: ListingEntry[]): string {
  const items = entries
    .map(
      (entry, i) =>
        `<dt>[${i + 1}] <a href="/abs/${entry.id}" title="Abstract">arXiv:${entry.id}</a></dt>` +
        `<dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> ${escapeHtml(entry.title)}</div></div></dd>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile listing</title></head>
<body><div id="dlpage"><h1>Machine Learning</h1><dl id="articles">
${items}
</dl></div></body></html>`;
}

/**
 * A Hugging Face model card whose first paper link is a `javascript:` URL naming `corpusId`, with the
 * corpus title as its text.
 */
export function javascriptLinkModelHtml(corpusTitle: string, corpusId: string, otherTitle: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>hostile/model-card · Hugging Face</title></head>
<body><main><div class="model-card-content prose">
<h1>hostile/model-card</h1>
<p>Trained as in <a id="js-link" href="${escapeHtml(javascriptHref(corpusId))}">${escapeHtml(corpusTitle)}</a>.</p>
<p>See also <a href="https://arxiv.org/abs/2401.20001">${escapeHtml(otherTitle)}</a>.</p>
</div></main></body></html>`;
}

interface AbsPage {
  id: string;
  /** The title as text; escaped into the page. */
  title: string;
  abstract: string;
  /** Raw HTML appended to <head> and to <body>. */
  head?: string;
  body?: string;
}

/** An arXiv abstract page in the real markup: h1.title after a 'Title:' descriptor, blockquote.abstract. */
export function arxivAbsHtml(page: AbsPage): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>[${page.id}] arXiv</title>${page.head ?? ''}</head>
<body class="with-cu-identity">
<div id="header"><h1><a href="/">arXiv.org</a> &gt; cs &gt; arXiv:${page.id}</h1></div>
<div id="content"><div id="abs-outer"><div class="leftcolumn"><div id="content-inner"><div id="abs">
<div class="dateline">[Submitted on 1 Jan 2024]</div>
<h1 class="title mathjax"><span class="descriptor">Title:</span>${escapeHtml(page.title)}</h1>
<div class="authors"><span class="descriptor">Authors:</span><a href="https://arxiv.org/a/doe_j_1">Jane Doe</a></div>
<blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>${escapeHtml(page.abstract)}</blockquote>
</div></div></div></div></div>
${page.body ?? ''}
</body></html>`;
}

/** `length` characters of numbered words, single-spaced, with no space at either end. */
export function longTitle(length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += `${i === 0 ? '' : ' '}Lengthy${i}`;
  return text.slice(0, length).trimEnd().padEnd(length, 'x');
}

/**
 * A script that moves the h1.title's text `depth` spans deep (a multiple of 400) and puts a chain of
 * divs as deep into the abstract and the body. Each chain is `hidden`: Chromium's renderer itself
 * crashes laying out about 3,000 nested boxes, with or without Paper Lens.
 */
export function deepNestingScript(depth: number): string {
  return `<script>
(() => {
  // The HTML parser nests at most 512 deep, so each chain is parsed in slices of 400 and joined
  // (built element by element, Blink walks the whole chain on every append: seconds at this depth).
  const slice = (tag) => {
    const box = document.createElement('div');
    box.innerHTML = ('<' + tag + '>').repeat(400) + ('</' + tag + '>').repeat(400);
    return box.firstElementChild;
  };
  const innermost = (element) => {
    while (element.firstElementChild) element = element.firstElementChild;
    return element;
  };
  const chain = (tag, leaf) => {
    const outer = slice(tag);
    let inner = innermost(outer);
    for (let built = 400; built < ${depth}; built += 400) inner = innermost(inner.appendChild(slice(tag)));
    inner.append(leaf);
    outer.hidden = true;
    return outer;
  };
  const h1 = document.querySelector('h1.title');
  h1.append(chain('span', h1.lastChild));
  document.querySelector('blockquote.abstract').append(chain('div', ' deep abstract words'));
  document.body.append(chain('div', 'the bottom of a deep page'));
  let depth = 0;
  for (let node = h1.querySelector('span:not(.descriptor)'); node; node = node.firstElementChild) depth++;
  window.hostileDepth = depth;
})();
</script>`;
}

/**
 * Replaces the whole body with a fresh copy every `everyMs` for `forMs`, starting once Paper Lens
 * is ready; records when each tick ran (window.hostileTicks) and when the loop began and ended.
 */
export function bodyLoopScript(everyMs: number, forMs: number): string {
  return `<script>
addEventListener('DOMContentLoaded', () => {
  const pristine = document.body.cloneNode(true);
  const ready = () => performance.getEntriesByName('paper-lens:ready').length > 0;
  const begin = () => {
    if (!ready()) return void setTimeout(begin, 20);
    const ticks = (window.hostileTicks = []);
    const start = (window.hostileLoopStart = performance.now());
    const timer = setInterval(() => {
      const now = performance.now();
      ticks.push(now);
      document.documentElement.replaceChild(pristine.cloneNode(true), document.body);
      if (now - start >= ${forMs}) {
        clearInterval(timer);
        window.hostileLoopEnd = performance.now();
      }
    }, ${everyMs});
  };
  begin();
});
</script>`;
}

/** What the overriding page replaces, by owner; each replacement records its name and throws while armed. */
export const OVERRIDDEN = {
  'Element.prototype': [
    'querySelectorAll',
    'querySelector',
    'attachShadow',
    'append',
    'after',
    'matches',
    'closest',
    'getAttribute',
    'setAttribute',
    'hasAttribute',
    'remove',
    'replaceChildren',
    'getBoundingClientRect',
  ],
  'Node.prototype': ['appendChild', 'insertBefore', 'removeChild', 'replaceChild', 'contains'],
  'Document.prototype': ['querySelectorAll', 'querySelector', 'createElement', 'createTreeWalker'],
  'Performance.prototype': ['mark'],
  document: ['querySelectorAll', 'querySelector', 'createElement'],
  window: ['fetch', 'postMessage', 'MutationObserver', 'MessageChannel', 'CSSStyleSheet'],
} as const;

/**
 * A <head> script, run before any content script, that overrides DOM methods, getters and
 * constructors. While `window.hostileArmed` is true every override records `<owner>.<name>` in
 * `window.hostileCalls` and throws; disarmed, the methods behave as before.
 */
export function overridesScript(): string {
  return `<script>
(() => {
  const calls = (window.hostileCalls = []);
  window.hostileArmed = true;
  const owners = {
    'Element.prototype': Element.prototype,
    'Node.prototype': Node.prototype,
    'Document.prototype': Document.prototype,
    'Performance.prototype': Performance.prototype,
    document,
    window,
  };
  const names = ${JSON.stringify(OVERRIDDEN)};
  for (const [ownerName, list] of Object.entries(names)) {
    const owner = owners[ownerName];
    for (const name of list) {
      const original = owner[name];
      const label = ownerName + '.' + name;
      const trap = function (...args) {
        if (window.hostileArmed) {
          calls.push(label);
          throw new Error('hostile page: ' + label);
        }
        return new.target ? Reflect.construct(original, args) : original.apply(this, args);
      };
      owner[name] = trap;
    }
  }
  for (const [proto, prop] of [[Node.prototype, 'textContent'], [Node.prototype, 'firstChild'], [Element.prototype, 'shadowRoot']]) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, prop);
    Object.defineProperty(proto, prop, {
      ...descriptor,
      get() {
        if (window.hostileArmed) {
          calls.push('get ' + prop);
          throw new Error('hostile page: get ' + prop);
        }
        return descriptor.get.call(this);
      },
    });
  }
})();
</script>`;
}
