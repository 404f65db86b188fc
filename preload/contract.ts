// THE IPC contract between the renderer and main: every call the renderer may make, with its
// runtime schemas. The preload builds `window.tiger` from it and main validates every call
// against it before anything runs. Types are derived from the schemas, never re-declared.
import * as v from 'valibot';

export const contract = {
  calls: {
    appInfo: {
      input: v.undefined(),
      output: v.object({ name: v.string(), version: v.string(), platform: v.string() }),
    },
  },
} as const;

type Calls = typeof contract.calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = v.InferOutput<Calls[N]['input']>;
export type CallOutput<N extends CallName> = v.InferOutput<Calls[N]['output']>;

/** What main answers on every call channel: a value, or a typed refusal. */
export type CallReply<N extends CallName> =
  | { ok: true; value: CallOutput<N> }
  | { ok: false; error: { code: 'invalid-call' | 'failed'; message: string } };

/** `window.tiger` as the renderer sees it. */
export type TigerApi = {
  [N in CallName]: (...input: CallInput<N> extends undefined ? [] : [CallInput<N>]) => Promise<CallOutput<N>>;
};

export const callChannel = (name: CallName): string => `tiger:call:${name}`;
export const callNames = Object.keys(contract.calls) as CallName[];
