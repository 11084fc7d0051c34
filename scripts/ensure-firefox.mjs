#!/usr/bin/env node
// Installs Debian's firefox-esr for the Firefox suite when it is missing (scripts/lib/ensure-debian-package.mjs).
import { ensureDebianPackages } from './lib/ensure-debian-package.mjs';

ensureDebianPackages({
  name: 'firefox-esr',
  tools: [['/usr/bin/firefox-esr', 'firefox-esr']],
  about: 'about 80 MB, 15 s',
});
