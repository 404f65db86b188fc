import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { DEMO_PASSWORD, DEMO_YOU } from '../../sandbox/demo/accounts';
import { newPerson } from './support/people';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seedDemo: true, demoResponder: false });
});
afterAll(async () => {
  await sandbox.close();
});

const basic = (person: { key: string; secret: string }) => `Basic ${Buffer.from(`${person.key}:${person.secret}`).toString('base64')}`;

/** The picture's size and its first pixel, read from the PNG's own chunks (RGB, no filter). */
function readPng(bytes: Buffer): { width: number; height: number; firstPixel: number[] } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idatAt = bytes.indexOf('IDAT');
  const rows = inflateSync(bytes.subarray(idatAt + 4, idatAt + 4 + bytes.readUInt32BE(idatAt - 4)));
  expect(rows.length).toBe(height * (1 + width * 3));
  return { width, height, firstPixel: [...rows.subarray(1, 4)] };
}

describe('person pictures', () => {
  it('are given to a person made by the admin route, and served as a PNG to anyone signed in', async () => {
    const ann = await newPerson(sandbox, 'Ann Avatar');
    const bo = await newPerson(sandbox, 'Bo Viewer');
    const seen = await bo.client.lookupUser(ann.token);
    expect(seen.avatar).toBe(`${sandbox.apiUrl}/user/${ann.token}/avatar`);
    expect((await ann.client.getUser()).avatar).toBe(seen.avatar);

    const response = await fetch(seen.avatar!, { headers: { authorization: basic(bo) } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const picture = readPng(Buffer.from(await response.arrayBuffer()));
    expect([picture.width, picture.height]).toEqual([32, 32]);
    // The same person, the same picture; another person, another colour.
    const again = readPng(Buffer.from(await (await fetch(seen.avatar!, { headers: { authorization: basic(ann) } })).arrayBuffer()));
    expect(again.firstPixel).toEqual(picture.firstPixel);
    const other = readPng(Buffer.from(await (await fetch((await ann.client.lookupUser(bo.token)).avatar!, { headers: { authorization: basic(ann) } })).arrayBuffer()));
    expect(other.firstPixel).not.toEqual(picture.firstPixel);
  });

  it('are refused without credentials, and unknown for a token nobody has', async () => {
    const ann = await newPerson(sandbox, 'Ann Private');
    expect((await fetch(`${sandbox.apiUrl}/user/${ann.token}/avatar`)).status).toBe(401);
    const unknown = await fetch(`${sandbox.apiUrl}/user/no-such-person/avatar`, { headers: { authorization: basic(ann) } });
    expect(unknown.status).toBe(404);
  });

  it('are given to the demo people too', async () => {
    const { user, auth } = await login(sandbox.apiUrl, { userId: DEMO_YOU, password: DEMO_PASSWORD, deviceId: 'avatar-test', version: 'test' });
    expect(user.avatar).toBe(`${sandbox.apiUrl}/user/${user.token}/avatar`);
    const response = await fetch(user.avatar!, { headers: { authorization: basic(auth) } });
    expect(response.headers.get('content-type')).toBe('image/png');
  });
});
