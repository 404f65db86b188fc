import type { Readable, Writable } from 'node:stream';
import { CliError, exitCodes } from './cli-error';

export interface SecretSource {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stderr: Writable;
}

/**
 * A password or secret: all of standard input with `--password-stdin` (one trailing newline
 * dropped, as `echo` adds one), else typed at a terminal prompt without echo.
 */
export async function readSecret(source: SecretSource, label: string, fromStdin: boolean): Promise<string> {
  const secret = fromStdin ? await readAll(source.stdin) : await prompt(source, label);
  const trimmed = secret.replace(/\r?\n$/, '');
  if (trimmed === '') throw new CliError(exitCodes.usage, `The ${label.toLowerCase()} is empty`);
  return trimmed;
}

async function readAll(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function prompt(source: SecretSource, label: string): Promise<string> {
  const { stdin, stderr } = source;
  if (!stdin.isTTY || stdin.setRawMode === undefined) {
    throw new CliError(exitCodes.usage, `No terminal to ask for the ${label.toLowerCase()}: pipe it in with --password-stdin`);
  }
  const setRawMode = stdin.setRawMode.bind(stdin);
  stderr.write(`${label}: `);
  setRawMode(true);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: CliError) => {
      stdin.off('data', onData);
      setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliError(exitCodes.failed, 'Cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
