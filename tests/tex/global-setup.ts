import { spawnSync } from 'node:child_process';

/** Installs the TeX tools (when missing) before any test compiles. */
export default function setup(): void {
  const result = spawnSync('node', ['scripts/ensure-tex.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('scripts/ensure-tex.mjs could not install the TeX tools');
}
