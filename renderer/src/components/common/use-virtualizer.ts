import { elementScroll, measureElement, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import type { Rect, VirtualizerOptions } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

type Options = Pick<VirtualizerOptions<HTMLDivElement, HTMLElement>, 'count' | 'estimateSize' | 'getItemKey' | 'overscan' | 'anchorTo' | 'followOnAppend' | 'scrollEndThreshold'>;

/**
 * Before the first layout a scroll box measures 0 x 0; the window's size is the better
 * guess, so the first paint is already full.
 */
const observeRect: typeof observeElementRect = (instance, callback) =>
  observeElementRect(instance, (rect: Rect) => {
    const window = instance.targetWindow;
    callback(rect.height > 0 || window === null ? rect : { width: window.innerWidth, height: window.innerHeight });
  });

/**
 * A row's size comes from the ResizeObserver, after the frame's layout and before its paint.
 * When a row is mounted the virtualizer also asks at once (`entry` undefined); reading the
 * layout then would force one per new row, in the middle of the commit that is still adding
 * rows (in a profile of a burst of messages, 56 ms of its 523 ms of script). It gets the size
 * known for that row, or the estimate, until the observer tells.
 * A row that measures 0 is not laid out (its window is hidden): keep the estimate rather than
 * collapse it, which would pull every other row into the rendered range.
 */
const measure = (estimate: (index: number) => number): VirtualizerOptions<HTMLDivElement, HTMLElement>['measureElement'] =>
  (element, entry, instance) => {
    const index = instance.indexFromElement(element);
    if (entry === undefined) return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? estimate(index);
    const size = measureElement(element, entry, instance);
    return size > 0 ? size : estimate(index);
  };

/** @tanstack/virtual-core bound to a Preact component: only the rows in view are rendered. */
export function useVirtualizer(options: Options): { scrollRef: { current: HTMLDivElement | null }; virtualizer: Virtualizer<HTMLDivElement, HTMLElement> } {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const resolved: VirtualizerOptions<HTMLDivElement, HTMLElement> = {
    overscan: 6,
    ...options,
    getScrollElement: () => scrollRef.current,
    scrollToFn: elementScroll,
    observeElementRect: observeRect,
    observeElementOffset,
    measureElement: measure(options.estimateSize),
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return { scrollRef, virtualizer };
}
