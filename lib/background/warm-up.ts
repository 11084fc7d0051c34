import type { TitleLookup } from '../corpus/service';

/**
 * Runs the matcher over a few dozen made-up page titles once the worker has started. A woken worker's
 * first listing otherwise pays for V8 compiling the matcher while it matches; this costs a few
 * milliseconds of idle time instead.
 */
export function warmUp(lookup: TitleLookup, queries = 48): void {
  for (let i = 0; i < queries; i++) {
    const a = (i * 7919) % 97;
    lookup.matchTitle(
      i % 3 === 0
        ? `[2411.${10000 + i}] Scaling Synthetic Model ${a} for Language Understanding`
        : i % 3 === 1
          ? `Title: A Stdy of Retreival-Augmented Generaton ${a}...`
          : `Paper page - Efficient Attention Variants Number ${a} | Hugging Face`,
    );
  }
}
