// The managed settings file on Linux and macOS is trusted only if no one but root could have
// written it. On real files in a temporary tree (the tests run as root, so they can chown to
// another user and chmod as an administrator would not).
import { chmod, chown, lchown, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreadablePolicy } from '../../main/core/settings/managed-policy';
import { untrustedPolicyReason } from '../../main/core/settings/policy-file-trust';
import type { PathRecord } from '../../main/core/settings/policy-file-trust';
import { loadManagedPolicy, loadManagedPreferences } from '../../main/core/settings/settings-files';
import { useTempFolderPerTest } from '../support/temp-folder';

const directory = (path: string, mode: number, uid = 0): PathRecord => ({ path, uid, mode: 0o040000 | mode, kind: 'directory' });
const file = (path: string, mode: number, uid = 0): PathRecord => ({ path, uid, mode: 0o100000 | mode, kind: 'file' });

describe('trusting the managed settings file', () => {
  const trusted = [file('/etc/tigerdesk/managed-settings.json', 0o644), directory('/etc/tigerdesk', 0o755), directory('/etc', 0o755), directory('/', 0o755)];

  it('trusts a file that root owns, in folders root owns, none writable by others', () => {
    expect(untrustedPolicyReason(trusted)).toBeNull();
  });

  it('refuses a file or any folder above it owned by another user', () => {
    expect(untrustedPolicyReason([file('/etc/tigerdesk/managed-settings.json', 0o644, 1000), ...trusted.slice(1)])).toBe(
      '/etc/tigerdesk/managed-settings.json is owned by uid 1000, not by root',
    );
    expect(untrustedPolicyReason([trusted[0]!, directory('/etc/tigerdesk', 0o755, 1000), ...trusted.slice(2)])).toBe('/etc/tigerdesk is owned by uid 1000, not by root');
  });

  it('refuses a file or folder its group or everyone may write', () => {
    expect(untrustedPolicyReason([file('/etc/tigerdesk/managed-settings.json', 0o664), ...trusted.slice(1)])).toBe(
      '/etc/tigerdesk/managed-settings.json is writable by its group (mode 0664)',
    );
    expect(untrustedPolicyReason([trusted[0]!, directory('/etc/tigerdesk', 0o757), ...trusted.slice(2)])).toBe('/etc/tigerdesk is writable by everyone (mode 0757)');
    expect(untrustedPolicyReason([...trusted.slice(0, 2), directory('/etc', 0o775), trusted[3]!])).toBe('/etc is writable by its group (mode 0775)');
  });

  it('accepts a sticky folder (like /tmp) above the policy\'s own folder, but never as that folder', () => {
    const inTmp = [file('/tmp/td/managed-settings.json', 0o644), directory('/tmp/td', 0o700), directory('/tmp', 0o1777), directory('/', 0o755)];
    expect(untrustedPolicyReason(inTmp)).toBeNull();
    expect(untrustedPolicyReason([file('/tmp/managed-settings.json', 0o644), directory('/tmp', 0o1777), directory('/', 0o755)])).toBe(
      '/tmp is writable by everyone (mode 1777)',
    );
  });

  it('refuses what is not a file', () => {
    expect(untrustedPolicyReason([directory('/etc/tigerdesk/managed-settings.json', 0o755), ...trusted.slice(1)])).toBe(
      '/etc/tigerdesk/managed-settings.json is not a regular file',
    );
  });

  describe('on disk', () => {
    const dir = useTempFolderPerTest('tigerdesk-policy-trust-');
    const install = async () => {
      const folder = join(dir(), 'tigerdesk');
      await mkdir(folder, { mode: 0o755 });
      const policy = join(folder, 'managed-settings.json');
      await writeFile(policy, '{"offerSandbox": true, "minimumNotificationPrivacy": "full"}', { mode: 0o644 });
      await chmod(policy, 0o644);
      await chmod(folder, 0o755);
      return { folder, policy };
    };
    const refusal = async (policy: string) => {
      const reading = await loadManagedPolicy(policy, { ownership: true });
      expect(reading.policy).toEqual(unreadablePolicy);
      return reading.ok ? null : reading.error;
    };

    it('reads a file root installed as an administrator would', async () => {
      const { policy } = await install();
      expect(await loadManagedPolicy(policy, { ownership: true })).toEqual({ ok: true, policy: { offerSandbox: true, minimumNotificationPrivacy: 'full' } });
    });

    it('refuses, with the strictest settings and the reason, a file another user owns', async () => {
      const { policy } = await install();
      await chown(policy, 1000, 1000);
      expect(await refusal(policy)).toBe(
        `The managed settings file ${policy} is refused, since someone other than an administrator could have written it: ${policy} is owned by uid 1000, not by root`,
      );
    });

    it('refuses a file in a folder another user owns', async () => {
      const { folder, policy } = await install();
      await chown(folder, 1000, 1000);
      expect(await refusal(policy)).toContain(`${folder} is owned by uid 1000, not by root`);
    });

    it('refuses a group-writable file and a world-writable folder', async () => {
      const { folder, policy } = await install();
      await chmod(policy, 0o664);
      expect(await refusal(policy)).toContain(`${policy} is writable by its group (mode 0664)`);
      await chmod(policy, 0o644);
      await chmod(folder, 0o757);
      expect(await refusal(policy)).toContain(`${folder} is writable by everyone (mode 0757)`);
    });

    it('refuses a folder higher up that others may write', async () => {
      const { policy } = await install();
      await chmod(dir(), 0o775);
      expect(await refusal(policy)).toContain(`${dir()} is writable by its group (mode 0775)`);
    });

    it('follows a symlink only to a trusted file: where it leads is checked as well', async () => {
      const { policy } = await install();
      const userFolder = join(dir(), 'user');
      await mkdir(userFolder, { mode: 0o755 });
      const forged = join(userFolder, 'forged.json');
      await writeFile(forged, '{"offerSandbox": true}', { mode: 0o644 });
      await chown(userFolder, 1000, 1000);
      const link = join(dir(), 'tigerdesk', 'linked.json');
      await symlink(forged, link);
      expect(await refusal(link)).toContain(`${userFolder} is owned by uid 1000, not by root`);

      const trustedLink = join(dir(), 'tigerdesk', 'trusted-link.json');
      await symlink(policy, trustedLink);
      expect(await loadManagedPolicy(trustedLink, { ownership: true })).toEqual({ ok: true, policy: { offerSandbox: true, minimumNotificationPrivacy: 'full' } });
    });

    it('refuses a symlink another user placed', async () => {
      const { policy } = await install();
      const link = join(dir(), 'tigerdesk', 'user-link.json');
      await symlink(policy, link);
      await lchown(link, 1000, 1000);
      expect(await refusal(link)).toBe(
        `The managed settings file ${link} is refused, since someone other than an administrator could have written it: ${link} is owned by uid 1000, not by root`,
      );
    });

    it('refuses a folder where the file should be', async () => {
      const { folder } = await install();
      expect(await refusal(folder)).toContain('is not a regular file');
    });

    it('macOS: reads the file when no MDM profile is installed, and refuses a profile plist a user could have written, before converting it', async () => {
      const { folder, policy } = await install();
      const plist = join(folder, 'app.tigerdesk.desktop.plist');
      expect(await loadManagedPreferences(plist, policy)).toEqual({ ok: true, policy: { offerSandbox: true, minimumNotificationPrivacy: 'full' } });
      await writeFile(plist, '<plist version="1.0"><dict/></plist>', { mode: 0o644 });
      await chown(plist, 1000, 1000);
      const reading = await loadManagedPreferences(plist, policy);
      expect(reading).toEqual({
        ok: false,
        policy: unreadablePolicy,
        error: `The managed settings file ${plist} is refused, since someone other than an administrator could have written it: ${plist} is owned by uid 1000, not by root`,
      });
    });

    it('manages nothing when no file is installed, whoever owns the folder', async () => {
      const { folder } = await install();
      await chown(folder, 1000, 1000);
      expect(await loadManagedPolicy(join(folder, 'absent.json'), { ownership: true })).toEqual({ ok: true, policy: {} });
    });
  });
});
