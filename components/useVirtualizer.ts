import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type PartialKeys,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

type Options = PartialKeys<
  VirtualizerOptions<HTMLElement, HTMLElement>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn'
>;

/**
 * TanStack Virtual's headless virtualizer for Preact, as its React adapter does it: one instance,
 * its options renewed each render, and a re-render whenever it says the visible rows changed.
 */
export function useVirtualizer(options: Options): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<HTMLElement, HTMLElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      rerender(0);
      options.onChange?.(instance, sync);
    },
  };
  const [instance] = useState(() => new Virtualizer(resolved));
  instance.setOptions(resolved);
  // The adapter hooks virtual-core exposes for framework adapters (its React adapter calls the same).
  // oxlint-disable-next-line no-underscore-dangle
  useLayoutEffect(() => instance._didMount(), []);
  // oxlint-disable-next-line no-underscore-dangle
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}
