import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, openExternalLink } from '../../main/shell/external-links';

describe('external links', () => {
  it('are only plain https: URLs', () => {
    expect(isSafeExternalUrl('https://www.cdc.gov/sepsis/')).toBe(true);
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id', 'https://user:pw@example.org/', 'not a url', 'smb://server/share']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('are opened in the OS browser, and anything else is refused without opening', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    await openExternalLink(shell, 'https://example.org/a');
    await openExternalLink(shell, 'https://EXAMPLE.org:443/ward notes/../protocol?q=a b');
    await expect(openExternalLink(shell, 'file:///C:/Windows/system32/calc.exe')).rejects.toThrow('Only https: links');
    expect(opened).toEqual(['https://example.org/a', 'https://example.org/protocol?q=a%20b']);
  });
});
