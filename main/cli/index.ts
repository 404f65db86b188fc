/** `npm run cli -- <command>`: the command-line client over the same core as the app. */
import { runCli } from './run';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const status = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interrupted,
});
// Exits rather than waiting for the event loop: keytar's D-Bus connection keeps it alive.
process.stdout.write('', () => process.exit(status));
