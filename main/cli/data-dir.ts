import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user folder the CLI keeps its accounts in, following each platform's convention. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'tigerdesk-cli');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'tigerdesk-cli');
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'tigerdesk-cli');
}
