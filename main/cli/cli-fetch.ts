/**
 * The CLI's network: undici's own fetch over an EnvHttpProxyAgent, so that `HTTPS_PROXY`,
 * `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms) apply as they do for other
 * command-line tools. Node's bundled fetch ignores them. Certificates are Node's: its
 * built-in authorities plus the file `NODE_EXTRA_CA_CERTS` names, which Node reads once, at
 * start (a hospital's inspecting proxy's certificate goes there).
 */
import { EnvHttpProxyAgent, FormData as UndiciFormData, fetch as undiciFetch } from 'undici';

type UndiciInput = Parameters<typeof undiciFetch>[0];
type UndiciInit = NonNullable<Parameters<typeof undiciFetch>[1]>;

export function cliFetch(): typeof fetch {
  const dispatcher = new EnvHttpProxyAgent();
  return async (input, init) => {
    const body = init?.body instanceof FormData ? undiciForm(init.body) : init?.body;
    const response = await undiciFetch(input as UndiciInput, { ...init, body, dispatcher } as UndiciInit);
    // The same web streams and the same Response API as the global one: only the class differs.
    return response as unknown as Response;
  };
}

/**
 * undici knows a form by its own FormData class: Node's global one would be sent as the text
 * "[object FormData]". The entries (the file's Blob included) move over as they are, uncopied.
 */
function undiciForm(form: FormData): UndiciFormData {
  const copy = new UndiciFormData();
  for (const [name, value] of form) {
    if (typeof value === 'string') copy.append(name, value);
    else copy.append(name, value, value.name);
  }
  return copy;
}
