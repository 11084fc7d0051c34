import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedFile } from '../../lib/corpus/build-corpus';

/** The project's seed directory. */
export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

/** Reads every .txt file of a seed directory. */
export function readSeedFiles(dir = SEEDS_DIR): SeedFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
