// Runs the real TeX tools over a .bib file: one document that \nocite{*}s every entry, compiled
// with pdfLaTeX and either classic BibTeX (a .bst style) or biblatex + biber, then the PDF's text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A way to typeset a bibliography: a classic BibTeX style, or biblatex with biber. */
export type TexStyle = 'plain' | 'unsrt' | 'plainnat' | 'biblatex';

/** What the tools said: every error line (empty when all went well) and the PDF as text. */
export interface TexRun {
  errors: string[];
  /** Warnings of BibTeX or biber (not failures, shown to help a failing test). */
  warnings: string[];
  /** pdftotext's text of the PDF, white space collapsed, hyphenation at line ends joined. */
  text: string;
  /** The .bbl the bibliography tool wrote. */
  bbl: string;
}

function document(style: TexStyle, extra: string): string {
  const [packages, bibliography] =
    style === 'biblatex'
      ? ['\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}', '\\printbibliography']
      : [style === 'plainnat' ? '\\usepackage{natbib}' : '', `\\bibliographystyle{${style}}\n\\bibliography{refs}`];
  return `\\documentclass{article}\n${extra}\n${packages}\n\\pagestyle{empty}\n\\begin{document}\nReferences.\n\\nocite{*}\n${bibliography}\n\\end{document}\n`;
}

function run(dir: string, command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** LaTeX's own error lines ("! ...") with the two lines after each, which say where. */
function latexErrors(log: string): string[] {
  const lines = log.split('\n');
  return lines.flatMap((line, i) => (line.startsWith('! ') ? [lines.slice(i, i + 3).join(' | ')] : []));
}

/** Compiles `bib` in a fresh directory with the given style; the directory is removed afterwards. */
export function compileBibliography(bib: string | Buffer, style: TexStyle, preamble = ''): TexRun {
  const dir = mkdtempSync(join(tmpdir(), `paper-lens-tex-${style}-`));
  try {
    writeFileSync(join(dir, 'refs.bib'), bib);
    writeFileSync(join(dir, 'doc.tex'), document(style, preamble));
    const errors: string[] = [];
    const warnings: string[] = [];
    const latex = () => {
      const { status } = run(dir, 'pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex']);
      const log = readFileSync(join(dir, 'doc.log'), 'latin1');
      const found = latexErrors(log);
      if (status !== 0 && found.length === 0) found.push(`pdflatex exited with ${status}`);
      errors.push(...found.map((e) => `pdflatex: ${e}`));
    };
    latex();
    if (style === 'biblatex') {
      // --validate-datamodel: biber checks every entry against biblatex's data model, strictly.
      const { status, output } = run(dir, 'biber', ['--validate-datamodel', 'doc']);
      for (const line of output.split('\n')) {
        if (line.startsWith('ERROR - ')) errors.push(`biber: ${line}`);
        else if (line.startsWith('WARN - ')) warnings.push(`biber: ${line}`);
      }
      if (status !== 0 && !errors.some((e) => e.startsWith('biber'))) errors.push(`biber exited with ${status}`);
    } else {
      const { status, output } = run(dir, 'bibtex', ['doc']);
      const blg = existsSync(join(dir, 'doc.blg')) ? readFileSync(join(dir, 'doc.blg'), 'latin1') : output;
      // BibTeX's errors are the lines before "---line N of file refs.bib" and "(There were N error messages)".
      for (const line of blg.split('\n')) {
        if (line.startsWith('Warning--')) warnings.push(`bibtex: ${line}`);
        else if (
          /^(I was expecting|I'm skipping|You're missing|Illegal|Sorry|Too many|Unbalanced|.*---line \d+ of file)/.test(
            line,
          )
        )
          errors.push(`bibtex: ${line}`);
      }
      if (status !== null && status >= 2 && !errors.some((e) => e.startsWith('bibtex')))
        errors.push(`bibtex exited with ${status}`);
    }
    if (errors.length === 0) latex();
    const bblPath = join(dir, 'doc.bbl');
    const bbl = existsSync(bblPath) ? readFileSync(bblPath, 'utf8') : '';
    let text = '';
    if (errors.length === 0 && existsSync(join(dir, 'doc.pdf'))) {
      text = run(dir, 'pdftotext', ['-raw', '-enc', 'UTF-8', 'doc.pdf', '-']).output;
    }
    return { errors, warnings, text: text.replace(/-\n/g, '').replace(/\s+/g, ' '), bbl };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
