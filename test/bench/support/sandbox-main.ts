/**
 * The sandbox in a process of its own (see sandbox-process.ts): starts on a free port with
 * the data dir it is given, reports where it listens, and closes when the parent says so or
 * goes away.
 */
import { startSandbox } from '../../../sandbox/index';

process.once('message', (input) => {
  const { dataDir } = input as { dataDir?: string };
  startSandbox({ port: 0, ...(dataDir === undefined ? {} : { dataDir }) }).then(
    (sandbox) => {
      const close = () => {
        void sandbox.close().then(() => process.exit(0));
      };
      process.once('message', close);
      process.once('disconnect', close);
      process.send!({ ok: true, url: sandbox.url, apiUrl: sandbox.apiUrl, organizationKey: sandbox.organizationKey });
    },
    (error: unknown) => {
      process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
    },
  );
});
