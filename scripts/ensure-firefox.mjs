#!/usr/bin/env node
// Makes sure Debian's Firefox ESR is at /usr/bin/firefox-esr for the Firefox end-to-end suite.
// puppeteer-core drives the distribution's build over WebDriver BiDi and downloads no browser.
import { ensureDebianPackage } from './lib/ensure-debian-package.mjs';

ensureDebianPackage({ binary: '/usr/bin/firefox-esr', pkg: 'firefox-esr', about: 'about 80 MB, 15 s' });
