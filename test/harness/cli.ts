// `npm run harness -- --port P [--sandbox-url URL] [--renderer-dir DIR]`: the renderer in any
// browser at http://127.0.0.1:P/, each tab its own client of the real core.
import { parseArgs } from 'node:util';
import { startHarness } from './harness-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'sandbox-url': { type: 'string' },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run harness -- [--port P] [--sandbox-url http://127.0.0.1:7443] [--renderer-dir dist/renderer]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const harness = await startHarness({
    port,
    ...(values['sandbox-url'] === undefined ? {} : { sandboxUrl: values['sandbox-url'] }),
    ...(values['renderer-dir'] === undefined ? {} : { rendererDir: values['renderer-dir'] }),
  });
  process.stdout.write(`TigerDesk harness on ${harness.url} (sandbox API: ${harness.sandboxApiUrl}); each page is its own client\n`);
  const stop = (): void => {
    void harness.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`the harness failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
