import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson } from './support/people';
import type { TestPerson } from './support/people';
import { useOpenStreams } from './support/open-streams';

const sandbox = useSandbox();
const { listen } = useOpenStreams();

async function post(person: TestPerson, path: string, body: string | FormData, contentType?: string) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: basic(person), ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { reply: Record<string, unknown>; error: { message: string } } };
}

const json = 'application/json';

describe('own profile and Do Not Disturb', () => {
  it('changes names, status and DND; a colleague hears by update, the own devices by account:settings', async () => {
    const me = await newPerson(sandbox, 'Dana Reyes');
    const colleague = await newPerson(sandbox, 'Sam Cole');
    const stranger = await newPerson(sandbox, 'Nobody Here');
    await colleague.client.createGroup({ name: 'Ward', members: [me.token] });
    const [theirs, mine, strangers] = await Promise.all([listen(colleague), listen(me), listen(stranger)]);
    const reply = await post(me, `/user/${me.token}/settings`, JSON.stringify({ display_name: 'Dana R.', first_name: 'Dana', status: 'On ward 4', dnd: true, dnd_text: 'In surgery until 3' }), json);
    expect(reply.status).toBe(200);
    expect(reply.body.reply).toMatchObject({ token: me.token, display_name: 'Dana R.', first_name: 'Dana', status: 'On ward 4', dnd: true, dnd_text: 'In surgery until 3' });
    const update = await theirs.waitFor((event) => event.name === 'update' && event.payload.token === me.token);
    expect(update.payload).toMatchObject({ type: 'tigertext:entity:account', dnd: true, dnd_text: 'In surgery until 3', display_name: 'Dana R.' });
    const settings = await mine.waitFor((event) => event.name === 'account:settings');
    expect(settings.payload).toMatchObject({ token: me.token, dnd: true });
    expect(strangers.named('update')).toEqual([]);
    expect(await colleague.client.lookupUser(me.token)).toMatchObject({ dnd: true, dnd_text: 'In surgery until 3', status: 'On ward 4' });

    const form = new URLSearchParams({ dnd: 'false' });
    const off = await post(me, `/user/${me.token}/settings`, form.toString(), 'application/x-www-form-urlencoded');
    expect(off.body.reply).toMatchObject({ dnd: false, display_name: 'Dana R.', dnd_text: 'In surgery until 3' });
  });

  it('takes a picture by multipart, serves it at a new address, and an empty field removes it', async () => {
    const me = await newPerson(sandbox, 'Pic Person');
    const drawn = (await me.client.getUser()).avatar!;
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
    const form = new FormData();
    form.append('status', 'Smiling');
    form.append('avatar', new Blob([bytes], { type: 'image/jpeg' }), 'me.jpg');
    const reply = await post(me, `/user/${me.token}/settings`, form);
    expect(reply.status).toBe(200);
    const address = String(reply.body.reply.avatar);
    expect(address).not.toBe(drawn);
    const image = await fetch(address, { headers: { authorization: basic(me) } });
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    const remove = new FormData();
    remove.append('avatar', '');
    const removed = await post(me, `/user/${me.token}/settings`, remove);
    expect(removed.status).toBe(200);
    const back = await fetch(String(removed.body.reply.avatar), { headers: { authorization: basic(me) } });
    expect(back.headers.get('content-type')).toBe('image/png');
  });

  it('lets nobody but the person change their settings, and names the field of bad input', async () => {
    const me = await newPerson(sandbox, 'Careful One');
    const other = await newPerson(sandbox, 'Other One');
    const path = `/user/${me.token}/settings`;
    expect(await post(other, path, JSON.stringify({ status: 'hacked' }), json)).toMatchObject({ status: 403, body: { error: { message: 'only the user themself may change their settings' } } });
    expect((await post(me, path, '{}', json)).body.error.message).toMatch(/^nothing to change/);
    expect((await post(me, path, JSON.stringify({ dnd: 'sometimes' }), json)).body.error.message).toBe('field "dnd" must be a boolean');
    expect((await post(me, path, JSON.stringify({ display_name: ' ' }), json)).body.error.message).toBe('field "display_name" must not be empty');
    expect((await post(me, path, JSON.stringify({ status: 5 }), json)).body.error.message).toBe('field "status" must be a string');
    expect((await post(me, path, JSON.stringify({ dnd_text: 'x'.repeat(501) }), json)).body.error.message).toBe('field "dnd_text" must be at most 500 characters');
    expect((await post(me, path, JSON.stringify({ avatar: 'http://example.test/me.png' }), json)).body.error.message).toBe('field "avatar" must be a file, or empty to remove the picture');
    const text = new FormData();
    text.append('avatar', new Blob(['hi'], { type: 'text/plain' }), 'a.txt');
    expect((await post(me, path, text)).body.error.message).toBe('avatar must be an image, not text/plain');
    expect(await me.client.getUser()).toMatchObject({ display_name: 'Careful One', status: '', dnd: false });
  });

  it('changes the password when signed with the current one', async () => {
    const me = await newPerson(sandbox, 'Pass Word');
    const change = (password: string, current: string, body: string) =>
      fetch(`${sandbox.apiUrl}/user/${me.token}/password`, {
        method: 'POST',
        headers: { authorization: `XMPP-Simple ${Buffer.from(`product:${me.token}:${current}`).toString('base64')}`, 'content-type': json },
        body,
      }).then(async (response) => ({ status: response.status, text: await response.text() }));
    expect((await change('x', 'wrong', JSON.stringify({ password: 'new-password-1' }))).status).toBe(401);
    expect(await change('x', me.password, JSON.stringify({ password: 'short' }))).toMatchObject({ status: 400, text: expect.stringContaining('field \\"password\\" must be at least 8 characters') });
    expect(await change('x', me.password, '{}')).toMatchObject({ status: 400, text: expect.stringContaining('field \\"password\\" is required') });
    expect((await change('x', me.password, JSON.stringify({ password: 'new-password-1' }))).status).toBe(204);
    await expect(login(sandbox.apiUrl, { userId: me.email, password: me.password, deviceId: 'd', version: 't' })).rejects.toThrow();
    const { user } = await login(sandbox.apiUrl, { userId: me.email, password: 'new-password-1', deviceId: 'd', version: 't' });
    expect(user.token).toBe(me.token);
    const other = await newPerson(sandbox, 'Not Me');
    const foreign = await fetch(`${sandbox.apiUrl}/user/${me.token}/password`, {
      method: 'POST',
      headers: { authorization: `XMPP-Simple ${Buffer.from(`product:${other.email}:${other.password}`).toString('base64')}`, 'content-type': json },
      body: JSON.stringify({ password: 'taken-over-1' }),
    });
    expect(foreign.status).toBe(403);
  });
});
