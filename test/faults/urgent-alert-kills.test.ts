// Scenario: the app is killed (SIGKILL) while an urgent message is alerting. After the restart
// it alerts again, going on with its count rather than starting over or forgetting it, and it
// stops once the message is read on another device.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { createApiClient, login } from '../../main/core/api';
import { startTestSandbox } from '../support/sandbox-fixture';
import { sessionHarness } from '../session/fixtures/session-harness';
import { newUser } from '../session/fixtures/sandbox-users';

const childScript = join(import.meta.dirname, 'support', 'urgent-alert-child.ts');

/** The child's output lines, and a way to wait for one. */
function startChild(env: NodeJS.ProcessEnv) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', childScript], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    lines.push(...complete);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const waitFor = async (match: (line: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.find(match);
      if (found !== undefined) return found;
      if (child.exitCode !== null) throw new Error(`the client exited (${child.exitCode}) before ${what}: ${stderr.slice(0, 2_000)}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; the client said: ${lines.join(' | ')} ${stderr.slice(0, 2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  return { lines, waitFor, kill };
}

const alertCount = (line: string) => Number(line.slice('alert '.length));

it('alerts again after the app is killed with an urgent message pending, going on with its count, until it is read elsewhere', async () => {
  const sandbox = await startTestSandbox();
  const [nurse, doctor] = await Promise.all([newUser(sandbox.url, 'Nurse Ames'), newUser(sandbox.url, 'Doctor Baker')]);
  const harness = await sessionHarness();
  onTestFinished(() => harness.cleanUp());
  await harness.manager().signInWithKey({ server: sandbox.apiUrl, key: nurse.key, secret: nurse.secret });
  const env = { ...process.env, URGENT_CHILD: JSON.stringify({ service: harness.service, dataRoot: harness.dataRoot, everyMs: 400, repeats: 50 }) };

  const first = startChild(env);
  onTestFinished(() => first.kill());
  await first.waitFor((line) => line === 'ready', 'ready');
  const doctorApi = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: doctor.key, secret: doctor.secret } });
  const sent = await doctorApi.sendMessage({ recipient: nurse.token, body: 'Bed 4 crashing', priority: 1, senderOrganization: sandbox.organizationKey });
  await first.waitFor((line) => line.startsWith('alert ') && alertCount(line) >= 2, 'a second alert');
  await first.kill();
  const countAtKill = Math.max(...first.lines.filter((line) => line.startsWith('alert ')).map(alertCount));

  const second = startChild(env);
  onTestFinished(() => second.kill());
  await second.waitFor((line) => line === 'pending 1', 'the pending alert told again at start');
  const resumed = await second.waitFor((line) => line.startsWith('alert '), 'an alert after the restart');
  // At most one alert may have been recorded after the last line the first process printed.
  expect(alertCount(resumed)).toBeGreaterThan(countAtKill);
  expect(alertCount(resumed)).toBeLessThanOrEqual(countAtKill + 2);

  // The nurse reads it on their phone: another key of the same person.
  const phone = await login(sandbox.apiUrl, { userId: nurse.email, password: nurse.password, deviceId: 'phone', version: 'test' });
  await createApiClient({ baseUrl: sandbox.apiUrl, credentials: phone.auth }).updateMessageStatus({ read: [sent.messageId] });
  await second.waitFor((line) => line === 'pending 0', 'the alert ending once read elsewhere');
  const alertsThen = second.lines.filter((line) => line.startsWith('alert ')).length;
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect(second.lines.filter((line) => line.startsWith('alert ')).length).toBe(alertsThen);
});
