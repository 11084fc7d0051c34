/** The moments Paper Lens marks on its timeline; the benchmark and the e2e tests read them by name. */
export type MarkName =
  'script-start' | 'index-ready' | 'start' | 'detected' | 'matched' | 'badges' | 'ready' | 'popup-data';

/** Marks a moment as the performance entry `paper-lens:<name>`. */
export function mark(name: MarkName): void {
  performance.mark(`paper-lens:${name}`);
}
