import { parseArgs } from 'node:util';
import { DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_RESPONDER, DEMO_YOU, NORTHSIDE_ORGANIZATION, NORTHSIDE_PEOPLE, demoEmail } from './demo/accounts';
import { startSandbox } from './index';

/** `npm run sandbox -- --port 7443 --data-dir DIR [--reset]`: the sandbox with its demo organization. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7443' },
      'data-dir': { type: 'string', default: '.sandbox-data' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run sandbox -- [--port 7443] [--data-dir .sandbox-data] [--reset]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const sandbox = await startSandbox({ port, dataDir: values['data-dir'], reset: values.reset, seedDemo: true, logErrors: true });
  const lines = [
    `TigerText v2 sandbox listening on ${sandbox.url} (API: ${sandbox.apiUrl})`,
    `data dir: ${sandbox.dataDir}`,
    `organization: ${DEMO_ORGANIZATION.name} (${DEMO_ORGANIZATION.token})`,
    `demo accounts (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_PEOPLE.map((person) => {
      const note = person.username === DEMO_YOU ? '  <- sign in as this one' : person.username === DEMO_RESPONDER ? '  <- answers your messages' : '';
      return `  ${person.username.padEnd(16)} ${demoEmail(person.username).padEnd(34)} ${person.displayName}, ${person.title}${note}`;
    }),
    `second organization: ${NORTHSIDE_ORGANIZATION.name} (${NORTHSIDE_ORGANIZATION.token}), with ${DEMO_YOU} and ${DEMO_RESPONDER} and:`,
    ...NORTHSIDE_PEOPLE.map((person) => `  ${person.username.padEnd(22)} ${demoEmail(person.username).padEnd(44)} ${person.displayName}, ${person.title}`),
    'new accounts: POST /sandbox/accounts {"display_name", "email", "password", "organizations"?: [token, ...]}',
    'new organizations: POST /sandbox/organizations {"name"}; settings: POST /sandbox/organizations/{token}/settings',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
