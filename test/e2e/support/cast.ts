// The people of one end-to-end file: made fresh in its sandbox, each named once there (so a
// search finds exactly one), and signed in, each in their own Chromium page with their own core.
import { openApp, signIn } from './app-page';
import type { AppPage } from './app-page';
import type { World } from './e2e-world';
import { createPerson } from './sandbox-people';
import type { Person } from './sandbox-people';

export interface Cast {
  /** A new person, "First Surname1", "First Surname2"... */
  person(first: string): Promise<Person>;
  /** Their own window, signed in. */
  signedIn(someone: Person): Promise<AppPage>;
}

export function castOf(world: () => World, surname: string): Cast {
  let people = 0;
  return {
    async person(first) {
      people += 1;
      return createPerson(world().sandbox.apiUrl, `${first} ${surname}${people}`);
    },
    async signedIn(someone) {
      const app = await openApp(world().browser, world().harness.url);
      await signIn(app.page, world().sandbox.apiUrl, someone);
      return app;
    },
  };
}
