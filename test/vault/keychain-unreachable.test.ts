import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const scenario = join(import.meta.dirname, 'fixtures', 'keychain-scenario.ts');
const root = join(import.meta.dirname, '..', '..');

interface ErrorOutcome {
  error: { name: string; cause: string; message: string };
}

/** Runs the scenario in a child process, behind `wrapper` (a command that runs its arguments). */
async function runScenario(wrapper: string[], env: NodeJS.ProcessEnv, args: string[] = []): Promise<Record<string, unknown>> {
  const command = [...wrapper, process.execPath, '--import', 'tsx', scenario, ...args];
  const { stdout } = await run(command[0]!, command.slice(1), { cwd: root, env, timeout: 30_000 });
  const line = stdout.trim().split('\n').at(-1)!;
  return JSON.parse(line) as Record<string, unknown>;
}

function withoutKeyringEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...overrides };
  delete env['TIGERDESK_KEYRING_READY'];
  delete env['GNOME_KEYRING_CONTROL'];
  return env;
}

describe('a keychain that does not answer', () => {
  let dir: string;
  let busConfig: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tigerdesk-vault-'));
    // A session bus that knows no services, so no Secret Service provider can be activated.
    busConfig = join(dir, 'bare-session.conf');
    await writeFile(
      busConfig,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports no D-Bus session as unavailable, naming the bus, and downgrades to session-only', async () => {
    const results = await runScenario([], withoutKeyringEnv({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus-here')}` }));
    for (const operation of ['get', 'set', 'delete']) {
      const failure = results[operation] as ErrorOutcome;
      expect(failure.error.name).toBe('VaultError');
      expect(failure.error.cause).toBe('unavailable');
      expect(failure.error.message).toMatch(/no D-Bus session bus answers/);
    }
    const choice = results['choice'] as { value: { kind: string; downgradedFrom: string; reason: string } };
    expect(choice.value.kind).toBe('session-only');
    expect(choice.value.downgradedFrom).toBe('keychain');
    expect(choice.value.reason).toMatch(/D-Bus/);
    expect((results['warnings'] as { value: string[] }).value).toHaveLength(1);
  });

  it('reports a bus without a Secret Service provider as unavailable, naming the provider', async () => {
    const results = await runScenario(['dbus-run-session', `--config-file=${busConfig}`, '--'], withoutKeyringEnv({}));
    const failure = results['get'] as ErrorOutcome;
    expect(failure.error.cause).toBe('unavailable');
    expect(failure.error.message).toMatch(/no Secret Service provider/);
    const choice = results['choice'] as { value: { kind: string; downgradedFrom: string } };
    expect(choice.value).toMatchObject({ kind: 'session-only', downgradedFrom: 'keychain' });
  });

  it('reports a locked collection as locked, for reads as well as writes', async () => {
    const results = await runScenario(['bash', join(root, 'test/support/with-keyring.sh')], withoutKeyringEnv({}), ['--lock']);
    expect(results['setBeforeLock']).toEqual({ value: null });
    for (const operation of ['get', 'set']) {
      const failure = results[operation] as ErrorOutcome;
      expect(failure.error.cause).toBe('locked');
      expect(failure.error.message).toMatch(/keychain is locked/);
    }
    const choice = results['choice'] as { value: { kind: string; downgradedFrom: string; rejected: { cause: string }[] } };
    expect(choice.value).toMatchObject({ kind: 'session-only', downgradedFrom: 'keychain', rejected: [{ cause: 'locked' }] });
  });
});
