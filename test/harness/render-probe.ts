// Test-only, for the renderer benchmark: installed in the page before any of its scripts (as a
// playwright init script), it times what the renderer does on the page's own clock and counts
// message elements at every DOM mutation. Bundled by the harness; the benchmark calls
// `window.probe.*`. Type-checked without the DOM library: it names the page objects it uses.

type PageElement = {
  readonly textContent: string | null;
  readonly offsetHeight: number;
  readonly scrollHeight: number;
  scrollTop: number;
  click(): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
};
type PageDocument = {
  readonly body: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { readonly length: number };
};
type Observer = { observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData?: boolean }): void; disconnect(): void };
type FrameObserver = { observe(options: { type: 'long-animation-frame' }): void; disconnect(): void };
type PageWindow = {
  document: PageDocument;
  MutationObserver: new (callback: () => void) => Observer;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => FrameObserver;
  requestAnimationFrame(callback: (time: number) => void): number;
  probe?: Probe;
};

const page = globalThis as unknown as PageWindow;
const { document } = page;

const rosterRow = 'button.conversation[data-index]';
const topRowName = '[role="list"][aria-label="Conversations"] [data-index="0"] .conversation-name';
const messageElements = '[aria-label="Messages"] article';

let frameStart = 0;
let frameTime = -1;
let rosterAt: number | null = null;
let mostMessages = 0;
let gaps: number[] | null = null;
let longFrames: number[] = [];
let longFrameObserver: FrameObserver | null = null;

/** Forces style and layout, so a time taken after it includes them. */
const laidOut = (): number => {
  void document.body.offsetHeight;
  return performance.now();
};

const request = page.requestAnimationFrame.bind(page);
page.requestAnimationFrame = (callback) =>
  request((time) => {
    // The first callback of a frame marks its start; the renderer's batcher may come later in it.
    if (time !== frameTime) {
      frameTime = time;
      frameStart = performance.now();
    }
    callback(time);
  });

new page.MutationObserver(() => {
  if (rosterAt === null && document.querySelector(rosterRow) !== null) rosterAt = laidOut();
  mostMessages = Math.max(mostMessages, document.querySelectorAll(messageElements).length);
}).observe(document, { subtree: true, childList: true });

// A wait that cannot end fails the benchmark instead of hanging it.
const longestWaitMs = 15_000;

/** Resolves with `measure()` at the first DOM mutation after which `done()` holds. */
function whenDom(what: string, done: () => boolean, measure: () => number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${what}: not seen within ${longestWaitMs} ms`));
    }, longestWaitMs);
    const observer = new page.MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(measure());
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const nextFrame = () => new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()));

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = performance.now() + longestWaitMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what}: not seen within ${longestWaitMs} ms`);
    await nextFrame();
  }
}

const probe = {
  /** From the roster reply reaching the page to the first roster row laid out. */
  async rosterFirstRender(): Promise<number> {
    await until('the first roster row', () => rosterAt !== null);
    const reply = performance.getEntriesByName('ipc:reply:tiger:call:roster')[0];
    if (reply === undefined || rosterAt === null) throw new Error('the roster reply was not marked');
    return rosterAt - reply.startTime;
  },
  /**
   * Waits until the roster holds `count` conversations (the window fetches the pages after the
   * first behind it); the time from the first page's reply to then.
   */
  async rosterComplete(count: number): Promise<number> {
    await until(`a roster of ${count}`, () => Number(document.querySelector('[role="listitem"][aria-setsize]')?.getAttribute('aria-setsize')) === count);
    const reply = performance.getEntriesByName('ipc:reply:tiger:call:roster')[0];
    if (reply === undefined) throw new Error('the roster reply was not marked');
    return performance.now() - reply.startTime;
  },
  topConversation: (): string | null => document.querySelector(topRowName)?.textContent ?? null,
  async untilTopConversation(name: string): Promise<void> {
    await until(`${name} at the top of the roster`, () => probe.topConversation() === name);
  },
  /** Arms a wait for `name` at the top of the roster; the result is the commit time of that frame. */
  armTopConversation(name: string): void {
    armed = whenDom(`${name} at the top of the roster`, () => probe.topConversation() === name, () => laidOut() - frameStart);
  },
  armed: (): Promise<number> => armed ?? Promise.reject(new Error('nothing armed')),
  /** Clicks the first conversation; the time until its first messages are laid out. */
  openFirstConversation(): Promise<number> {
    const row = document.querySelector(`${rosterRow}[data-index="0"]`);
    if (row === null) return Promise.reject(new Error('no first conversation row'));
    const opened = whenDom('the first messages', () => document.querySelector(messageElements) !== null, () => laidOut() - start);
    const start = performance.now();
    row.click();
    return opened;
  },
  /** Scrolls the thread to its top; resolves once older messages made it taller. */
  async scrollThreadToTop(): Promise<void> {
    const scroller = document.querySelector('.thread-scroll');
    if (scroller === null) throw new Error('no open thread');
    const before = scroller.scrollHeight;
    scroller.scrollTop = 0;
    await until('older messages', () => scroller.scrollHeight > before);
  },
  mostMessageElements: (): number => mostMessages,
  /**
   * Records, until stopFrames, the gaps between animation frames and Chromium's own
   * long-animation-frame entries: the frames whose work took over 50 ms.
   */
  startFrames(): void {
    longFrames = [];
    longFrameObserver = new page.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longFrames.push(entry.duration);
    });
    longFrameObserver.observe({ type: 'long-animation-frame' });
    const recording: number[] = [];
    gaps = recording;
    let last = performance.now();
    const frame = () => {
      const now = performance.now();
      recording.push(now - last);
      last = now;
      if (gaps === recording) page.requestAnimationFrame(frame);
    };
    page.requestAnimationFrame(frame);
  },
  /** Waits two frames (so the last one's gap is in): the longest gap, and the frames over 50 ms. */
  async stopFrames(): Promise<{ longestGap: number; longFrames: number }> {
    await nextFrame();
    await nextFrame();
    const recorded = gaps ?? [];
    gaps = null;
    longFrameObserver?.disconnect();
    longFrameObserver = null;
    return { longestGap: Math.max(0, ...recorded), longFrames: longFrames.length };
  },
};
let armed: Promise<number> | null = null;

export type Probe = typeof probe;
page.probe = probe;
