// Installs Debian packages when a tool the tests drive is missing: the browsers and the TeX tools
// come from the distribution (nothing here can download them), so the tests' own scripts install
// them. Fast and silent when every tool is there; otherwise `apt-get update && apt-get install -y`
// (as root, or through sudo), waiting for another apt-get that holds the lock. Progress goes to
// stderr; exits non-zero with a clear message on failure.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether a tool is there: an absolute path must be executable, `kpsewhich:FILE` must be a file TeX
 * finds, anything else a command on the PATH.
 */
export function isPresent(tool) {
  if (tool.startsWith('/')) {
    try {
      accessSync(tool, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
  if (!tool.startsWith('kpsewhich:')) return hasCommand(tool);
  const found = spawnSync('kpsewhich', [tool.slice('kpsewhich:'.length)], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '';
}

/** Runs a command with its output on stderr (stdout stays clean for callers); returns whether it succeeded. */
function run(log, command, args) {
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

/**
 * Makes sure every tool of `tools` ([tool, Debian package] pairs) is present, installing the packages
 * of the missing ones. `name` labels the log; `about` says how big the install is;
 * `noRecommends` leaves out the packages' recommendations (fonts and documentation for TeX).
 */
export function ensureDebianPackages({ name, tools, about, noRecommends = false }) {
  const missingPackages = () => [...new Set(tools.filter(([tool]) => !isPresent(tool)).map(([, pkg]) => pkg))];
  const missing = missingPackages();
  if (missing.length === 0) return;
  const log = (message) => process.stderr.write(`[ensure-${name}] ${message}\n`);
  const fail = (message, packages = missing) => {
    log(`ERROR: ${message}`);
    log(`Install by hand with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  };
  log(`missing ${missing.join(', ')}; installing from Debian (${about}).`);
  if (process.platform !== 'linux')
    fail(`automatic installation only works on Debian/Ubuntu Linux (this is ${process.platform}).`);
  if (!hasCommand('apt-get')) fail('apt-get was not found; this script installs packages on Debian/Ubuntu only.');

  let prefix = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    if (!hasCommand('sudo')) fail('not running as root and sudo is not available.');
    log('not root: using sudo (non-interactive).');
    prefix = ['sudo', '-n'];
  }
  // Waits for another apt-get (another suite's set-up) instead of failing at once.
  const apt = (args) => {
    const [command, ...rest] = [...prefix, 'apt-get', '-o', 'DPkg::Lock::Timeout=600', ...args];
    return run(log, command, rest);
  };
  if (!apt(['-q', 'update'])) fail('apt-get update failed.');
  const install = ['-q', 'install', '-y', ...(noRecommends ? ['--no-install-recommends'] : []), ...missing];
  if (!apt(install)) fail('apt-get install failed.');
  const still = missingPackages();
  if (still.length > 0) fail(`installed, but tools from ${still.join(', ')} are still missing.`, still);
  log(`installed ${missing.join(', ')}.`);
}
