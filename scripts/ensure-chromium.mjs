#!/usr/bin/env node
// Installs Debian's Chromium for the end-to-end tests when it is missing (scripts/lib/ensure-debian-package.mjs).
import { ensureDebianPackages } from './lib/ensure-debian-package.mjs';

ensureDebianPackages({ name: 'chromium', tools: [['/usr/bin/chromium', 'chromium']], about: 'about 30 s' });
