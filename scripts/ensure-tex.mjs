#!/usr/bin/env node
// Makes sure the TeX tools the BibTeX suite runs are installed: pdflatex, bibtex (with natbib's
// plainnat), biber with biblatex, and pdftotext. Like ensure-chromium.mjs it installs Debian's
// packages when one is missing (about 100 MB, a minute), as root or through sudo; fast and silent
// otherwise. Progress goes to stderr; exits non-zero with a clear message on failure.
import { spawnSync } from 'node:child_process';

/** Each tool the suite runs, and the Debian package that brings it. */
const TOOLS = [
  ['pdflatex', 'texlive-latex-base'],
  ['bibtex', 'texlive-latex-base'],
  // natbib.sty and plainnat.bst
  ['kpsewhich:plainnat.bst', 'texlive-latex-recommended'],
  ['kpsewhich:biblatex.sty', 'texlive-bibtex-extra'],
  ['biber', 'biber'],
  ['pdftotext', 'poppler-utils'],
];

function log(message) {
  process.stderr.write(`[ensure-tex] ${message}\n`);
}

function fail(message, packages) {
  log(`ERROR: ${message}`);
  log(`Install them by hand with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function isPresent(tool) {
  if (!tool.startsWith('kpsewhich:')) return hasCommand(tool);
  const found = spawnSync('kpsewhich', [tool.slice('kpsewhich:'.length)], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '';
}

const missingPackages = () => [...new Set(TOOLS.filter(([tool]) => !isPresent(tool)).map(([, pkg]) => pkg))];

/** Runs a command with its output on stderr (stdout stays clean for callers); returns whether it succeeded. */
function run(command, args) {
  log(`$ ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) {
    log(`could not start ${command}: ${result.error.message}`);
    return false;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    log(`${command} exited with ${result.status ?? result.signal} after ${seconds} s`);
    return false;
  }
  log(`done in ${seconds} s`);
  return true;
}

const missing = missingPackages();
if (missing.length === 0) process.exit(0);

log(`missing ${missing.join(', ')}; installing from Debian (about 100 MB, a minute).`);
if (process.platform !== 'linux') fail(`automatic installation only works on Debian/Ubuntu Linux.`, missing);
if (!hasCommand('apt-get')) fail('apt-get was not found; this script installs TeX on Debian/Ubuntu only.', missing);

let prefix = [];
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  if (!hasCommand('sudo')) fail('not running as root and sudo is not available.', missing);
  log('not root: using sudo (non-interactive).');
  prefix = ['sudo', '-n'];
}

function apt(args) {
  // Wait for another apt-get (a browser being installed by the e2e set-up) instead of failing at once.
  const [command, ...rest] = [...prefix, 'apt-get', '-o', 'DPkg::Lock::Timeout=600', ...args];
  return run(command, rest);
}

// Recommends would pull in several hundred MB of fonts and documentation the suite never uses.
if (!apt(['-q', 'update'])) fail('apt-get update failed.', missing);
if (!apt(['-q', 'install', '-y', '--no-install-recommends', ...missing])) fail('apt-get install failed.', missing);
const still = missingPackages();
if (still.length > 0) fail(`installed, but still missing tools from ${still.join(', ')}.`, still);
log('TeX tools installed.');
