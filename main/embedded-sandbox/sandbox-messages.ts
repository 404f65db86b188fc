// What the embedded sandbox's utility process and the main process say to each other.
import * as v from 'valibot';

export const sandboxReport = v.variant('kind', [
  v.object({
    kind: v.literal('ready'),
    /** The API base URL, `http://127.0.0.1:PORT/v2`. */
    apiUrl: v.pipe(v.string(), v.regex(/^http:\/\/127\.0\.0\.1:\d+\/v2$/, 'The sandbox must listen on loopback')),
    port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
    /** The demo user a new user signs in as; the password is the sandbox's public demo one. */
    demoUser: v.object({ userId: v.string(), password: v.string() }),
  }),
  v.object({ kind: v.literal('failed'), reason: v.string() }),
]);
export type SandboxReport = v.InferOutput<typeof sandboxReport>;

export const sandboxCommand = v.object({ kind: v.literal('stop') });
export type SandboxCommand = v.InferOutput<typeof sandboxCommand>;

/** The utility process's arguments: `--port N --data-dir DIR`. */
export function sandboxArguments(port: number, dataDir: string): string[] {
  return ['--port', String(port), '--data-dir', dataDir];
}
