// Saved papers whose titles, notes, tags and links hold what breaks BibTeX and LaTeX: TeX specials,
// lone braces, math, accents, CJK, right-to-left text, emoji, and an abstract ending in "}{https://".
import type { ExportPaper } from '../../lib/reading-list/types';

const paper = (n: number, over: Partial<ExportPaper>): ExportPaper => ({
  key: `title:nasty${n}`,
  title: `Nasty ${n}`,
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt: 1_700_000_000_000 + n,
  tags: [],
  note: '',
  read: false,
  ...over,
});

/** Each paper, and a phrase of its title that the PDF's text must show (letters and digits only). */
export const NASTY: { paper: ExportPaper; shows: string }[] = [
  {
    paper: paper(1, {
      title: 'Q&A at 100% for $5: #1 snake_case {braces} ~tilde ^caret back\\slash <tags> a|b',
      note: 'private: 50% {of it',
      tags: ['a_b', 'c&d', 'x,y;z{}', 'tag with } brace'],
    }),
    shows: 'QAat100for51snakecasebraces',
  },
  { paper: paper(2, { title: 'One { brace opened, never closed', note: 'and } one closed' }), shows: 'Onebraceopened' },
  { paper: paper(3, { title: 'Closed } before then { opened' }), shows: 'Closedbeforethenopened' },
  {
    paper: paper(4, { title: 'AstroM$^3$: A self-supervised multimodal model', arxivId: '2411.08842' }),
    shows: 'AstroM3Aselfsupervised',
  },
  { paper: paper(5, { title: 'Sorting in $O(n^2)$ time and $x_1^2$ space' }), shows: 'Sortingin' },
  {
    paper: paper(6, { title: 'Broken math $x^^2$ and $\\frac{a}{b}$ and $\\input{x}$ and a lone $ sign' }),
    shows: 'Brokenmath',
  },
  {
    paper: paper(7, {
      title: 'Sabiá: Portuguese Large Language Models, façade, naïve, Ørsted, Łódź, Æsir, Straße, İstanbul, Ångström',
      arxivId: '2304.07880',
      url: 'https://arxiv.org/abs/2304.07880',
    }),
    shows: 'SabiaPortugueseLargeLanguageModelsfacade',
  },
  { paper: paper(8, { title: '中文大语言模型 CJK-Bench: 日本語 and 한국어 evaluation' }), shows: 'CJKBench' },
  { paper: paper(9, { title: 'نموذج لغوي عربي Arabic LLM and עברית Hebrew' }), shows: 'ArabicLLMand' },
  { paper: paper(10, { title: 'LLaMA 🦙 goes 🚀 brrr: emoji 👩‍💻 in titles' }), shows: 'LLaMAgoes' },
  {
    paper: paper(11, {
      title: 'PA-LLaVA: A Large Language-Vision Assistant for Human Pathology Image Understanding',
      abstract:
        'All codes are available at: https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA}{https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA',
      date: 'Aug 18, 2024',
    }),
    shows: 'PALLaVAALargeLanguageVision',
  },
  {
    paper: paper(12, {
      title: 'Pre--training and ``quotes\'\' vs "double", ,,low !`bang ?`query -- dashes — em – en',
      note: '% a comment?\n\\end{document}',
      url: 'https://example.org/a_b%20c?x={y}&z=#frag',
    }),
    shows: 'Pretrainingandquotes',
  },
  { paper: paper(13, { title: 'Greek αβγ and Δ, math-ish ≤ ∑ ∞ and ½ °C ±1 ×2 € £ © ™' }), shows: 'Greek' },
  {
    paper: paper(14, { title: '\\textbf{not a command} \\\\ \\par \\relax \\csname', note: '\\' }),
    shows: 'textbfnotacommand',
  },
  {
    paper: paper(15, { title: 'Title with\nnewlines\tand\u00a0non-breaking   spaces' }),
    shows: 'Titlewithnewlinesandnonbreakingspaces',
  },
  {
    paper: paper(16, {
      title: 'Authors given',
      authors: ['Müller, Jürgen', 'Ada Lovelace', 'Barnes and Noble', '{Lone brace'],
      arxivId: 'hep-th/9901001',
    }),
    shows: 'Authorsgiven',
  },
  { paper: paper(17, { title: 'Zero\u200bwidth\u200d joiner and combining q\u0307 and ẞ Ꞵ' }), shows: 'Zero' },
  {
    // Authors as a BibTeX import stores them (read-bibtex.ts): an organisation first (every style
    // prints the first name), people as "von Last, Jr, First", "and" inside a braced name, accents,
    // CJK, and "others" where a long list was cut.
    paper: paper(18, {
      title: 'Authors as imported',
      authors: [
        'Google DeepMind',
        'Müller, Jörg',
        'Barnes and Noble',
        'van Beethoven, Ludwig',
        'Smith, Jr., John',
        'Dvořák, Antonín',
        '山田, 太郎',
        'others',
      ],
    }),
    shows: 'Google DeepMind',
  },
];
