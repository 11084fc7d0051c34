// `npm test`: builds the extension, then runs every suite and prints one closing line per suite
// ("label: N passed, N failed"), which is what CI reads. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const summary = [];
const scratch = mkdtempSync(join(tmpdir(), 'paper-lens-tests-'));

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

/** Runs a vitest config with a JSON report next to the usual output and returns its counts. */
function vitest(label, args) {
  const report = join(scratch, `${label}.json`);
  const ok = run('npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
  } catch {
    failed = 1;
  }
  if (!ok && failed === 0) failed = 1;
  summary.push(`${label}: ${passed} passed, ${failed} failed`);
}

function checks(label, commands) {
  let passed = 0;
  for (const [command, args] of commands) if (run(command, args)) passed++;
  summary.push(`${label}: ${passed} passed, ${commands.length - passed} failed`);
  return passed === commands.length;
}

const built = checks('build', [['npm', ['run', 'build']]]);
checks('check', [
  ['npx', ['tsc', '--noEmit']],
  ['npx', ['oxlint', '--deny-warnings']],
  ['npx', ['prettier', '--check', '.']],
  // Mozilla's add-on linter on the Firefox build: exits non-zero on any error (warnings are printed).
  // It works offline; NO_UPDATE_NOTIFIER and --no-config-discovery keep web-ext from asking npm for a
  // newer version or reading a config file outside the project.
  [
    'env',
    ['NO_UPDATE_NOTIFIER=1', 'npx', 'web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--no-config-discovery'],
  ],
]);
vitest('unit', []);
if (built && checks('chromium', [['node', ['scripts/ensure-chromium.mjs']]])) {
  vitest('e2e', ['--config', 'vitest.e2e.config.ts']);
} else {
  summary.push('e2e: 0 passed, 1 failed');
}
// Firefox ESR with the Firefox build (puppeteer-core over WebDriver BiDi); installed when missing.
if (built && run('node', ['scripts/ensure-firefox.mjs'])) {
  vitest('firefox', ['--config', 'vitest.firefox.config.ts']);
} else {
  summary.push('firefox: 0 passed, 1 failed');
}
// The BibTeX export compiled by real TeX; vitest.tex.config.ts installs the TeX tools when missing.
vitest('tex', ['--config', 'vitest.tex.config.ts']);
// One small iteration of the benchmark, so it cannot rot (npm run bench gives the real figures).
if (built) checks('bench', [['npx', ['tsx', 'scripts/bench.ts', '--quick']]]);
else summary.push('bench: 0 passed, 1 failed');
rmSync(scratch, { recursive: true, force: true });

console.log('\n' + summary.join('\n'));
process.exit(summary.every((line) => line.endsWith(' 0 failed')) ? 0 : 1);
