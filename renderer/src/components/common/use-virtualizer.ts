import { elementScroll, measureElement, observeElementOffset, Virtualizer } from '@tanstack/virtual-core';
import type { VirtualizerOptions } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

type Options = Pick<VirtualizerOptions<HTMLDivElement, HTMLElement>, 'count' | 'estimateSize' | 'getItemKey' | 'overscan' | 'anchorTo' | 'followOnAppend' | 'scrollEndThreshold'>;

/**
 * The scroll box's size, told by a ResizeObserver after each layout (where reading it costs
 * nothing). Not read when the list mounts, as the library's own observeElementRect does: that
 * forces the page's layout in the middle of the commit that mounts the list (33 ms of the
 * window's start here, the roster's first rows still to come). Until the observer tells, and
 * while the box measures 0 x 0 (its window hidden), the window's size is the guess, so the
 * first paint is already full.
 */
const observeRect: VirtualizerOptions<HTMLDivElement, HTMLElement>['observeElementRect'] = (instance, callback) => {
  const element = instance.scrollElement;
  const window = instance.targetWindow;
  if (element === null || window === null) return undefined;
  const windowSize = () => callback({ width: window.innerWidth, height: window.innerHeight });
  windowSize();
  const observer = new window.ResizeObserver(() => {
    const { clientWidth: width, clientHeight: height } = element;
    if (height > 0) callback({ width, height });
    else windowSize();
  });
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
};

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
