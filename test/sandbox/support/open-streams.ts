import { afterAll } from 'vitest';
import type { TestPerson } from './people';
import type { EventStreamReader } from './stream';

export interface OpenStreams {
  /** Keeps `reader` to be closed after the file's last test, and returns it. */
  track(reader: EventStreamReader): EventStreamReader;
  /** Opens the person's event stream, kept like `track`, once its opening replay is over. */
  listen(person: TestPerson, features?: string[]): Promise<EventStreamReader>;
}

/**
 * Registers a hook that closes, after the file's last test, every stream its tests opened
 * through the returned functions. Call it after useSandbox, so that the streams close before
 * the sandbox does, as they did when each file closed them itself.
 */
export function useOpenStreams(): OpenStreams {
  const open: EventStreamReader[] = [];
  afterAll(() => {
    for (const reader of open.splice(0)) reader.close();
  });
  const track = (reader: EventStreamReader) => {
    open.push(reader);
    return reader;
  };
  return {
    track,
    async listen(person, features = []) {
      const reader = track(await person.connect(features));
      await reader.replayDone();
      return reader;
    },
  };
}
