// Installs a Debian package when the browser binary the end-to-end tests drive is missing.
// The test browsers come from the distribution (nothing here can download them), so the tests'
// own scripts install them. Fast and silent when the binary is there; otherwise
// `apt-get update && apt-get install -y <package>` (as root, or through sudo). Progress goes to stderr;
// exits non-zero with a clear message on failure.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
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

/** Makes sure `binary` exists, installing Debian's `pkg` (which provides it) when it does not. */
export function ensureDebianPackage({ binary, pkg, about }) {
  if (isExecutable(binary)) return;
  const log = (message) => process.stderr.write(`[ensure-${pkg}] ${message}\n`);
  const fail = (message) => {
    log(`ERROR: ${message}`);
    log(`Install it by hand with: sudo apt-get update && sudo apt-get install -y ${pkg}`);
    process.exit(1);
  };
  log(`${binary} is missing; installing Debian's ${pkg} package (${about}).`);
  if (process.platform !== 'linux')
    fail(`automatic installation only works on Debian/Ubuntu Linux (this is ${process.platform}).`);
  if (!hasCommand('apt-get'))
    fail(`apt-get was not found; this script only knows how to install ${pkg} on Debian/Ubuntu.`);

  let prefix = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    if (!hasCommand('sudo')) fail('not running as root and sudo is not available.');
    log('not root: using sudo (non-interactive).');
    prefix = ['sudo', '-n'];
  }
  const apt = (args) => {
    const [command, ...rest] = [...prefix, 'apt-get', ...args];
    return run(log, command, rest);
  };
  if (!apt(['-q', 'update'])) fail('apt-get update failed.');
  if (!apt(['-q', 'install', '-y', pkg])) fail(`apt-get install ${pkg} failed.`);
  if (!isExecutable(binary)) fail(`the ${pkg} package installed, but ${binary} is still missing.`);
  log(`installed ${binary}.`);
}
