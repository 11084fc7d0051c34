// Plain text (page titles, notes, abstracts) as the value of a braced BibTeX field that classic
// BibTeX, biber and pdfLaTeX all read. Three rules the real tools impose:
// - BibTeX and biber count every brace, escaped or not, so `\{` still opens a group: a lone brace
//   becomes \textbraceleft{} / \textbraceright{}, and every brace written here is balanced.
// - pdfLaTeX stops at a character its default UTF-8 set-up does not know (CJK, Arabic, emoji):
//   such runs go into \PaperLensUnicode{...}, which BIBTEX_PREAMBLE defines to print them under
//   XeLaTeX/LuaLaTeX and a "?" under pdfLaTeX, so the file keeps the text and still compiles.
// - Math such as `AstroM$^3$` or `$O(n^2)$` stays math when it is simple enough to be sure it
//   compiles with no package; any other `$` is printed as a dollar sign.

/** LaTeX text commands for the ASCII characters that are special in TeX. */
const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Letters and signs with a kernel LaTeX command that works in the default OT1 and in T1 encoding. */
const LETTERS: Record<string, string> = {
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  å: '{\\aa}',
  Å: '{\\AA}',
  ł: '{\\l}',
  Ł: '{\\L}',
  ı: '{\\i}',
  ȷ: '{\\j}',
  '¡': '{\\textexclamdown}',
  '¿': '{\\textquestiondown}',
  '§': '{\\S}',
  '¶': '{\\P}',
  '©': '{\\copyright}',
  '–': '--',
  '—': '---',
  '‘': '`',
  '’': "'",
  '“': '``',
  '”': "''",
  '„': ',,',
  '…': '{\\ldots}',
  '•': '{\\textbullet}',
  '†': '{\\dag}',
  '‡': '{\\ddag}',
  '\u00a0': '~',
  '€': '{\\texteuro}',
  '£': '{\\pounds}',
  '°': '{\\textdegree}',
  '×': '{\\texttimes}',
  '±': '{\\textpm}',
  '·': '{\\textperiodcentered}',
  '½': '{\\textonehalf}',
  µ: '{\\textmu}',
  '²': '{\\texttwosuperior}',
  '³': '{\\textthreesuperior}',
  '¹': '{\\textonesuperior}',
  '™': '{\\texttrademark}',
  '®': '{\\textregistered}',
  '→': '{\\textrightarrow}',
  '←': '{\\textleftarrow}',
};

/** Greek letters, printed through math mode (no package needed). */
const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
  Γ: 'Gamma',
  Δ: 'Delta',
  Θ: 'Theta',
  Λ: 'Lambda',
  Ξ: 'Xi',
  Π: 'Pi',
  Σ: 'Sigma',
  Φ: 'Phi',
  Ψ: 'Psi',
  Ω: 'Omega',
};

/** Mathematical signs, printed through math mode. */
const MATH_SIGNS: Record<string, string> = {
  '≤': '\\leq',
  '≥': '\\geq',
  '≠': '\\neq',
  '≈': '\\approx',
  '∼': '\\sim',
  '∞': '\\infty',
  '∑': '\\sum',
  '∏': '\\prod',
  '∫': '\\int',
  '√': '\\surd',
  '∈': '\\in',
  '∀': '\\forall',
  '∃': '\\exists',
  '∂': '\\partial',
  '∇': '\\nabla',
  '⇒': '\\Rightarrow',
  '−': '-',
  '′': '\\prime',
};

/** Combining marks and the OT1-safe accent command for each (the ogonek is T1-only, so absent). */
const ACCENTS: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030b': 'H',
  '\u030c': 'v',
  '\u0323': 'd',
  '\u0327': 'c',
  '\u0331': 'b',
};

/** The macro that holds text pdfLaTeX cannot print. */
export const UNICODE_MACRO = '\\PaperLensUnicode';

/**
 * The @preamble every export starts with: it defines UNICODE_MACRO unless the document already
 * does (XeTeX and LuaTeX define \Umathcode; pdfTeX does not).
 */
export const BIBTEX_PREAMBLE = `@preamble{"\\providecommand{${UNICODE_MACRO}}[1]{\\ifdefined\\Umathcode #1\\else ?\\fi}"}`;

/** One character as TeX text, or null when pdfLaTeX has no way to print it. */
function charToTex(c: string): string | null {
  if (c in SPECIAL) return SPECIAL[c]!;
  if (c >= ' ' && c <= '~') return c;
  if (c in LETTERS) return LETTERS[c]!;
  if (c in GREEK) return `$\\${GREEK[c]}$`;
  if (c in MATH_SIGNS) return `$${MATH_SIGNS[c]}$`;
  const [base, ...marks] = c.normalize('NFD');
  if (base && /^[A-Za-z]$/.test(base) && marks.length > 0 && marks.every((m) => m in ACCENTS)) {
    // \'e and \c{c}: a letter-named accent needs its argument braced. The plain i (not \i) keeps
    // biber's UTF-8 output precomposed (i + U+0308 would be a character pdfLaTeX does not know).
    const inner = marks.reduce((arg, mark, i) => {
      const accent = ACCENTS[mark]!;
      const braced = i > 0 || /^[A-Za-z]$/.test(accent) ? `{${arg}}` : arg;
      return `\\${accent}${braced}`;
    }, base);
    return `{${inner}}`;
  }
  return null;
}

// Simple math only: letters, digits, operators, groups, scripts and a few kernel commands.
const MATH_COMMANDS = new Set([
  ...Object.values(GREEK),
  'varepsilon',
  'vartheta',
  'varphi',
  'ell',
  'infty',
  'times',
  'cdot',
  'cdots',
  'ldots',
  'pm',
  'leq',
  'geq',
  'le',
  'ge',
  'neq',
  'approx',
  'sim',
  'in',
  'to',
  'rightarrow',
  'leftarrow',
  'log',
  'exp',
  'sqrt',
  'mathcal',
  'mathbf',
  'mathrm',
  'mathit',
  'prime',
  'star',
  'circ',
  'partial',
  'nabla',
]);

/** True when `math` (without its dollars) is math pdfLaTeX typesets with no package and no error. */
export function isSafeMath(math: string): boolean {
  if (!/^[A-Za-z0-9 ^_{}()[\]+\-=*/.,:;!'<>|\\]+$/.test(math) || !/\S/.test(math)) return false;
  let depth = 0;
  // Per group: whether the current atom already has a superscript / a subscript.
  const scripts: { sup: boolean; sub: boolean }[] = [{ sup: false, sub: false }];
  let expectOperand = false;
  for (let i = 0; i < math.length; i++) {
    const c = math[i]!;
    if (c === ' ') continue;
    if (c === '\\') {
      const name = /^[A-Za-z]+/.exec(math.slice(i + 1))?.[0];
      if (!name || !MATH_COMMANDS.has(name)) return false;
      i += name.length;
    } else if (c === '{') {
      depth++;
      scripts.push({ sup: false, sub: false });
      expectOperand = false;
      continue;
    } else if (c === '}') {
      if (expectOperand || --depth < 0) return false;
      scripts.pop();
    } else if (c === '^' || c === '_') {
      const state = scripts[scripts.length - 1]!;
      const kind = c === '^' ? 'sup' : 'sub';
      if (expectOperand || state[kind]) return false;
      state[kind] = true;
      expectOperand = true;
      continue;
    } else {
      // A new atom may take its own scripts.
      if (!expectOperand) scripts[scripts.length - 1] = { sup: false, sub: false };
    }
    if (expectOperand) expectOperand = false;
    else if (c === '\\' || c === '}') scripts[scripts.length - 1] = { sup: false, sub: false };
  }
  return depth === 0 && !expectOperand;
}

/** A run of printable ASCII: one regular-expression pass each, not a lookup per character. */
const ASCII_RUN = /[ -~]+/y;
const ASCII_SPECIAL = /[\\{}&%$#_~^<>|]/g;
// A typed pair TeX would join into a ligature (--, ``, '', ,,, !`, ?`) gets {} between its characters.
const ASCII_LIGATURE = /([-'`,])(?=\1)|[!?](?=`)/g;

/** Whether `c` after `previous` would make a TeX ligature of typed characters. */
const isLigature = (previous: string, c: string) =>
  (c === previous && "-'`,".includes(c)) || (c === '`' && (previous === '!' || previous === '?'));

/** A run of printable ASCII as TeX: what charToTex and the ligature rule give, character by character. */
function asciiToTex(run: string, previous: string): string {
  const tex = run.replace(ASCII_SPECIAL, (c) => SPECIAL[c]!).replace(ASCII_LIGATURE, '$&{}');
  return isLigature(previous, run[0]!) ? `{}${tex}` : tex;
}

/** Text outside math: every character as TeX, runs pdfLaTeX cannot print wrapped in UNICODE_MACRO. */
function textToTex(text: string): string {
  let out = '';
  let raw = '';
  let previous = '';
  // Notes run to thousands of characters and nearly all are plain ASCII: whole runs of it at once.
  for (let i = 0; i < text.length;) {
    ASCII_RUN.lastIndex = i;
    const run = ASCII_RUN.exec(text)?.[0];
    if (run) {
      if (raw) out += `{${UNICODE_MACRO}{${raw}}}`;
      raw = '';
      out += asciiToTex(run, previous);
      previous = run[run.length - 1]!;
      i += run.length;
      continue;
    }
    const c = String.fromCodePoint(text.codePointAt(i)!);
    i += c.length;
    const tex = charToTex(c);
    if (tex === null || (raw && /^\p{M}$/u.test(c))) {
      raw += c;
    } else {
      if (raw) out += `{${UNICODE_MACRO}{${raw}}}`;
      raw = '';
      // TeX ligatures (--, ``, '', ,,, !`, ?`) made of typed characters stay as typed.
      out += (isLigature(previous, c) ? '{}' : '') + tex;
    }
    previous = c;
  }
  return raw ? `${out}{${UNICODE_MACRO}{${raw}}}` : out;
}

/**
 * Plain text as the TeX of a braced BibTeX field: white space collapsed, specials and lone braces
 * as commands, simple math kept as math, and every brace in the result balanced.
 */
export function toTexText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim().normalize('NFC');
  let out = '';
  let last = 0;
  // As in Pandoc: no space just inside the dollars and no digit after the closing one ("$5 and $10").
  for (const match of clean.matchAll(/\$(?! )([^$]+)(?<! )\$(?!\d)/g)) {
    if (!isSafeMath(match[1]!)) continue;
    out += textToTex(clean.slice(last, match.index)) + `$${match[1]!.trim()}$`;
    last = match.index + match[0].length;
  }
  return out + textToTex(clean.slice(last));
}
