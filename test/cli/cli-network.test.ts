// The CLI on a hospital's network: its certificates are Node's plus the file NODE_EXTRA_CA_CERTS
// names (read once, at start, so each case is a new process), and it goes through the proxy
// HTTPS_PROXY names unless NO_PROXY excludes the server. A real https front (a certificate from
// an authority made for the test) stands before the sandbox; a real CONNECT proxy records what
// it tunnels. https on loopback is allowed by the https rule, and undici proxies loopback too
// unless NO_PROXY says otherwise.
import { describe, expect, it } from 'vitest';
import { makeTestAuthority, startConnectProxy, startTlsFront } from '../support/hospital-network';
import type { TestAuthority } from '../support/hospital-network';
import { useFixture } from '../support/hooked-fixture';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolder } from '../support/temp-folder';
import { newUser } from '../session/fixtures/sandbox-users';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { runCli } from './fixtures/run-cli';

const sandbox = useSandbox();
const folder = useTempFolder('tigerdesk-cli-network-');
let authority: TestAuthority;
const front = useFixture('file', async () => {
  authority = makeTestAuthority(folder());
  return startTlsFront(authority.server, Number(new URL(sandbox.url).port));
}, (server) => server.close());
const proxy = useFixture('file', startConnectProxy, (server) => server.close());
const dataDir = useCliDataDir('tigerdesk-cli-network-');

const server = () => `https://127.0.0.1:${front().port}/v2`;
const slow = { timeout: 120_000 };

/** The test's own environment without any proxy or extra certificate, plus `extra`. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'NODE_EXTRA_CA_CERTS']) delete env[name];
  return { ...env, ...extra };
}

async function signIn(env: NodeJS.ProcessEnv) {
  const me = await newUser(sandbox.url, 'Net Nurse');
  return runCli(['--server', server(), '--data-dir', dataDir(), 'login', me.email, '--password-stdin'], { input: `${me.password}\n`, env });
}

describe('the CLI on a hospital network', () => {
  it("trusts the inspecting proxy's authority only when NODE_EXTRA_CA_CERTS names it", slow, async () => {
    const refused = await signIn(environment());
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`error: Cannot connect securely to the server at ${server()}: the server's certificate is not trusted by this computer`);
    expect(refused.stderr).toContain('IT must install its certificate');

    const trusted = await signIn(environment({ NODE_EXTRA_CA_CERTS: authority.caFile }));
    expect(trusted.stderr).toBe('');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain('Signed in as Net Nurse');
  });

  it('goes through the proxy HTTPS_PROXY names, says why when it refuses, and not for a server NO_PROXY names', slow, async () => {
    const through = { NODE_EXTRA_CA_CERTS: authority.caFile, HTTPS_PROXY: `http://127.0.0.1:${proxy().port}`, NO_PROXY: '', no_proxy: '' };
    const viaProxy = await signIn(environment(through));
    expect(viaProxy.stderr).toBe('');
    expect(viaProxy.code).toBe(0);
    expect(proxy().connects).toContain(`127.0.0.1:${front().port}`);

    proxy().refuseWith(407);
    try {
      const refused = await signIn(environment(through));
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`error: Cannot reach the server at ${server()}: the proxy refused the connection (HTTP 407: the proxy asks for a sign-in)`);
    } finally {
      proxy().refuseWith(null);
    }

    const tunnelled = proxy().connects.length;
    const bypassing = await signIn(environment({ ...through, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' }));
    expect(bypassing.code).toBe(0);
    expect(proxy().connects).toHaveLength(tunnelled);
  });
});
