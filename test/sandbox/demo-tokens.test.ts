import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import type { RunningSandbox } from '../../sandbox/index';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_YOU, demoEmail } from '../../sandbox/demo/accounts';
import { startTestSandbox } from '../support/sandbox-fixture';
import { useTempFolderPerTest } from '../support/temp-folder';
import { withKey } from './support/people';

const dataDir = useTempFolderPerTest('tigerdesk-demo-tokens-');

/** Every demo person's and group's token, found as the app finds them: by username and on the roster. */
async function demoTokens(sandbox: RunningSandbox): Promise<Record<string, string>> {
  const { user, auth } = await login(sandbox.apiUrl, { userId: DEMO_YOU, password: DEMO_PASSWORD, deviceId: 'tokens', version: 'test' });
  const you = withKey(sandbox, { ...auth, token: user.token, email: demoEmail(DEMO_YOU), password: DEMO_PASSWORD });
  const tokens: Record<string, string> = {};
  for (const person of DEMO_PEOPLE) tokens[person.username] = (await you.client.lookupUser(person.username)).token;
  for (const entry of await you.client.getRoster()) {
    if (entry.type === 'tigertext:entity:group') tokens[`group ${entry.name}`] = entry.token;
  }
  return tokens;
}

describe('demo tokens', () => {
  it('are drawn afresh for each new database, so no token of one sandbox holds in another', async () => {
    const first = await demoTokens(await startTestSandbox({ seedDemo: true, demoResponder: false }));
    const second = await demoTokens(await startTestSandbox({ seedDemo: true, demoResponder: false }));
    expect(Object.keys(second)).toEqual(Object.keys(first));
    expect(Object.keys(first)).toHaveLength(DEMO_PEOPLE.length + 3);
    const shared = Object.values(first).filter((token) => Object.values(second).includes(token));
    expect(shared).toEqual([]);
  });

  it('stay the same for a database across restarts', async () => {
    const before = await startTestSandbox({ dataDir: dataDir(), seedDemo: true, demoResponder: false });
    const tokens = await demoTokens(before);
    await before.close();
    const after = await startTestSandbox({ dataDir: dataDir(), seedDemo: true, demoResponder: false });
    expect(await demoTokens(after)).toEqual(tokens);
  });
});
