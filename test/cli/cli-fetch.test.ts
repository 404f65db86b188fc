// The CLI's fetch is undici's, which knows a form only by its own FormData class: the core's
// forms (attachments) are built with Node's, and must arrive as multipart, file and all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFetch } from '../../main/cli/cli-fetch';
import { startRecordingServer } from '../support/recording-server';
import type { RecordingServer } from '../support/recording-server';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
  server.respond({ status: 200, body: { reply: {} } });
});
afterAll(() => server.close());

describe("the CLI's fetch", () => {
  it("sends Node's FormData as multipart, with the file's name, type and bytes", async () => {
    const form = new FormData();
    form.append('recipient', 'nurse@example.test');
    form.append('attachment', new File(['blood pressure 120/80'], 'chart.txt', { type: 'text/plain' }));
    const response = await cliFetch()(`${server.origin}/v2/message`, { method: 'POST', body: form });
    expect(response.status).toBe(200);

    const request = server.only();
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const body = request.body.toString();
    expect(body).toContain('name="recipient"\r\n\r\nnurse@example.test\r\n');
    expect(body).toMatch(/name="attachment"; filename="chart\.txt"\r\nContent-Type: text\/plain\r\n\r\nblood pressure 120\/80\r\n/);
  });
});
