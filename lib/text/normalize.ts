// The one text normalizer: the corpus build, the title matcher, the search index,
// related work, the CLI and the tests all go through these functions.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  szlig: 'ss',
  ndash: '-',
  mdash: '-',
  minus: '-',
  hellip: '…',
  lsquo: "'",
  rsquo: "'",
  sbquo: "'",
  ldquo: '"',
  rdquo: '"',
  bdquo: '"',
  laquo: '"',
  raquo: '"',
  times: '×',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  lambda: 'λ',
};

// &aacute;, &Ouml;, &ntilde; ...: a letter and a combining mark.
const ACCENTED_ENTITY = /^([a-zA-Z])(acute|grave|circ|tilde|uml|ring|cedil|slash)$/;
const COMBINING: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  ring: '\u030A',
  cedil: '\u0327',
  slash: '\u0338',
};

/** Decodes the HTML entities that leak into page text (named, decimal and hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,9});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const accented = ACCENTED_ENTITY.exec(body);
    if (accented) return `${accented[1]}${COMBINING[accented[2]!]}`.normalize('NFC');
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const TEX_TEXT_COMMANDS =
  /\\(?:emph|textbf|textit|texttt|textsc|textsf|textrm|text|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|underline|mbox|hbox|operatorname)\s*\{([^{}]*)\}/g;

const TEX_SYMBOLS: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  infty: '∞',
  times: '×',
  cdot: '·',
  rightarrow: '→',
  to: '→',
  leftarrow: '←',
  ldots: '…',
  dots: '…',
  cdots: '…',
};

/** Strips TeX markup as arXiv prints it in titles: $^3$, \emph{..}, --, \&, ``quotes''. */
export function stripTex(text: string): string {
  if (!/[\\$^_{}`~]|--/.test(text)) return text;
  let out = text;
  // Nested text commands unwrap from the inside out; a small fixed bound keeps hostile input linear.
  for (let i = 0; i < 4 && TEX_TEXT_COMMANDS.test(out); i++) {
    out = out.replace(TEX_TEXT_COMMANDS, '$1');
  }
  out = out
    .replace(/\\([a-zA-Z]+)\b\s*/g, (whole, name: string) => TEX_SYMBOLS[name] ?? '')
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/[\^_]\{([^{}]*)\}/g, '$1')
    .replace(/[\^_](\S)/g, '$1')
    .replace(/\$/g, '')
    .replace(/[{}]/g, '')
    .replace(/---?/g, '-')
    .replace(/``|''/g, '"')
    .replace(/`/g, "'")
    .replace(/~/g, ' ');
  return out;
}

/** Folds unicode look-alikes: dashes to '-', quotes to ASCII, odd spaces to ' ', compatibility forms. */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\r\n\f\v]/g, ' ')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '');
}

/** Collapses runs of white space and trims. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Decodes entities, strips TeX and folds unicode: the clean display form of page or seed text. */
export function cleanText(text: string): string {
  return collapseSpace(foldUnicode(stripTex(decodeEntities(text))));
}

/** Removes diacritics and lower-cases (é -> e, Sabiá -> sabia). */
export function foldCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const GREEK_NAMES: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  θ: 'theta',
  λ: 'lambda',
  μ: 'mu',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};

/**
 * The matching key of a title: case, diacritics, spacing, hyphens and punctuation folded away,
 * so 'Pre-Training', 'Pretraining' and 'pre training' all agree. '+' survives: 'MMRL++' is not 'MMRL'.
 */
export function matchKey(text: string): string {
  return foldCase(cleanText(text))
    .replace(/[α-ω]/g, (c) => GREEK_NAMES[c] ?? c)
    .replace(/[^a-z0-9+\u0400-\u04ff\u4e00-\u9fff]/g, '');
}

/** Lower-case words of a text with their inner hyphens and apostrophes kept ('pre-training', 'llama-3'). */
export function wordSpans(text: string): string[] {
  const folded = foldCase(cleanText(text)).replace(/[α-ω]/g, (c) => GREEK_NAMES[c] ?? c);
  return folded.match(/[a-z0-9]+(?:['-][a-z0-9]+)*(?:\+\+)?|[\u0400-\u04ff]+|[\u4e00-\u9fff]/g) ?? [];
}

/** Lower-case word tokens; hyphenated compounds are joined ('Pre-Training' -> 'pretraining'). */
export function wordTokens(text: string): string[] {
  return wordSpans(text).map((word) => word.replace(/['-]/g, ''));
}
