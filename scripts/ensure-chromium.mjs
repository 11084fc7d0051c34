#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests.
// Playwright cannot download its own browsers here, so the tests drive the distribution's build.
// Fast and silent when it is already installed; otherwise `apt-get update && apt-get install -y chromium`
// (as root, or through sudo). Progress goes to stderr; exits non-zero with a clear message on failure.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function log(message) {
  process.stderr.write(`[ensure-chromium] ${message}\n`);
}

function fail(message) {
  log(`ERROR: ${message}`);
  log(`Install it by hand with: sudo apt-get update && sudo apt-get install -y chromium`);
  process.exit(1);
}

function isInstalled() {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

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

if (isInstalled()) process.exit(0);

log(`${CHROMIUM} is missing; installing Debian's chromium package (about 30 s).`);

if (process.platform !== 'linux')
  fail(`automatic installation only works on Debian/Ubuntu Linux (this is ${process.platform}).`);
if (!hasCommand('apt-get'))
  fail('apt-get was not found; this script only knows how to install Chromium on Debian/Ubuntu.');

let prefix = [];
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  if (!hasCommand('sudo')) fail('not running as root and sudo is not available.');
  log('not root: using sudo (non-interactive).');
  prefix = ['sudo', '-n'];
}

function apt(args) {
  const [command, ...rest] = [...prefix, 'apt-get', ...args];
  return run(command, rest);
}

if (!apt(['-q', 'update'])) fail('apt-get update failed.');
if (!apt(['-q', 'install', '-y', 'chromium'])) fail('apt-get install chromium failed.');
if (!isInstalled()) fail(`the chromium package installed, but ${CHROMIUM} is still missing.`);

log(`installed ${CHROMIUM}.`);
