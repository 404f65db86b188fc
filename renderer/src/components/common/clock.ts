import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

// One timer for every countdown on screen, running only while one is mounted.
const now = signal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** The current time, re-read at most once a second while the calling component is mounted. */
export function useNow(): number {
  useEffect(() => {
    users += 1;
    if (timer === null) {
      now.value = Date.now();
      timer = setInterval(() => {
        now.value = Date.now();
      }, 1000);
    }
    return () => {
      users -= 1;
      if (users === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  const shared = now.value;
  // With no timer running the shared value may be stale: the first paint reads the clock itself.
  return timer === null ? Date.now() : shared;
}
