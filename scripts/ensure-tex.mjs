#!/usr/bin/env node
// Makes sure the TeX tools the BibTeX suite runs are installed: pdflatex, bibtex (with natbib's
// plainnat), biber with biblatex, and pdftotext (scripts/lib/ensure-debian-package.mjs).
import { ensureDebianPackages } from './lib/ensure-debian-package.mjs';

ensureDebianPackages({
  name: 'tex',
  tools: [
    ['pdflatex', 'texlive-latex-base'],
    ['bibtex', 'texlive-latex-base'],
    // natbib.sty and plainnat.bst
    ['kpsewhich:plainnat.bst', 'texlive-latex-recommended'],
    ['kpsewhich:biblatex.sty', 'texlive-bibtex-extra'],
    ['biber', 'biber'],
    ['pdftotext', 'poppler-utils'],
  ],
  about: 'about 100 MB, a minute',
  // Recommends would pull in several hundred MB of fonts and documentation the suite never uses.
  noRecommends: true,
});
