#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests.
// Playwright cannot download its own browsers here, so the tests drive the distribution's build.
import { ensureDebianPackage } from './lib/ensure-debian-package.mjs';

ensureDebianPackage({ binary: '/usr/bin/chromium', pkg: 'chromium', about: 'about 30 s' });
