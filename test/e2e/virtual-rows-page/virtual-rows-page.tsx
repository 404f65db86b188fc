// The renderer's virtualized list (useVirtualizer) over rows of known, varied heights, in
// Chromium. The page counts how often a row's height is read at once (`offsetHeight`, which
// forces a layout in the middle of a commit); the test reads where each row was placed.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { useVirtualizer } from '../../../renderer/src/components/common/use-virtualizer';
import { rowHeight } from './row-height';

declare global {
  interface Window {
    rowHeightReads: number;
    appendRows(more: number): void;
  }
}

const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
window.rowHeightReads = 0;
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    if (this.classList.contains('virtual-row')) window.rowHeightReads += 1;
    return offsetHeight?.get?.call(this) as number;
  },
});

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
