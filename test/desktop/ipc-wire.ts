// IPC arguments between a stand-in window's page and Node, in the harness's JSON wire form
// (bytes as base64). JSON turns an `undefined` argument into null, which a contract schema
// would refuse where Electron's structured clone keeps it: arguments travel by position.
// Shared by the page's script and Node.
import { decodeValue, encodeValue, mayHoldTags } from '../harness/wire';

export function packArgs(args: unknown[]): string {
  const values: Record<string, unknown> = {};
  args.forEach((value, index) => {
    if (value !== undefined) values[String(index)] = encodeValue(value);
  });
  return JSON.stringify({ count: args.length, values });
}

export function unpackArgs(text: string): unknown[] {
  const { count, values } = JSON.parse(text) as { count: number; values: Record<string, unknown> };
  const decode = mayHoldTags(text) ? decodeValue : (value: unknown) => value;
  return Array.from({ length: count }, (_, index) => (String(index) in values ? decode(values[String(index)]) : undefined));
}
