// The renderer's virtualized list (useVirtualizer) over rows of known, varied heights, in
// Chromium. The page counts how often a row's height is read at once (`offsetHeight`, which
// forces a layout in the middle of a commit), and the scroll box's size before the page's first
// layout (which forces it); the test reads where each row was placed.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { useVirtualizer } from '../../../renderer/src/components/common/use-virtualizer';
import { rowHeight } from './row-height';

declare global {
  interface Window {
    rowHeightReads: number;
    /** Reads of the scroll box's size while no frame has been laid out since the list mounted (each forces a layout). */
    boxSizeReadsBeforeLayout: number;
    appendRows(more: number): void;
  }
}

/** Calls `counted` at each read of a layout property `name` that `counts` picks, then reads it as Chromium does. */
function countReads(prototype: object, name: string, counts: (element: Element) => boolean, counted: () => void): void {
  const read = Object.getOwnPropertyDescriptor(prototype, name);
  Object.defineProperty(prototype, name, {
    configurable: true,
    get(this: Element) {
      if (counts(this)) counted();
      return read?.get?.call(this) as number;
    },
  });
}

window.rowHeightReads = 0;
countReads(HTMLElement.prototype, 'offsetHeight', (element) => element.classList.contains('virtual-row'), () => (window.rowHeightReads += 1));

// The list mounts in the first commit; a ResizeObserver's callback runs after a layout.
let laidOut = false;
new ResizeObserver(() => {
  laidOut = true;
}).observe(document.documentElement);
window.boxSizeReadsBeforeLayout = 0;
for (const name of ['clientHeight', 'clientWidth']) {
  countReads(Element.prototype, name, (element) => element.classList.contains('rows') && !laidOut, () => (window.boxSizeReadsBeforeLayout += 1));
}

function Rows() {
  const [count, setCount] = useState(300);
  window.appendRows = (more) => setCount((now) => now + more);
  const { scrollRef, virtualizer } = useVirtualizer({ count, estimateSize: () => 40, getItemKey: (index) => `row-${index}`, overscan: 6 });
  return (
    <div ref={scrollRef} class="rows" style={{ height: '600px', overflow: 'auto' }}>
      <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            class="virtual-row"
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, height: `${rowHeight(item.index)}px`, transform: `translateY(${item.start}px)` }}
          >
            Row {item.index}
          </div>
        ))}
      </div>
    </div>
  );
}

render(<Rows />, document.getElementById('app')!);
