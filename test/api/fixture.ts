/** A client wired to a fresh recording server, with credentials the tests can look for. */
import { afterEach, beforeEach, expect } from 'vitest';
import { createApiClient } from '../../main/core/api';
import type { ApiClient } from '../../main/core/api';
import { startRecordingServer } from '../support/recording-server';
import type { RecordedRequest, RecordingServer } from '../support/recording-server';

export const key = 'key-7f3a9c';
export const secret = 's3cr3t-Zq8:w';
export const organizationKey = 'org-token-1';
export const basicValue = Buffer.from(`${key}:${secret}`).toString('base64');
export const authorizationHeader = `Basic ${basicValue}`;

export interface Harness {
  server: RecordingServer;
  client: ApiClient;
  baseUrl: string;
}

/** Registers hooks that start a server and client before each test and close them after. */
export function useHarness(options: { organizationKey?: string; timeoutMs?: number } = { organizationKey }): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    harness.server = await startRecordingServer();
    harness.baseUrl = `${harness.server.origin}/v2`;
    harness.client = createApiClient({
      baseUrl: harness.baseUrl,
      credentials: { key, secret },
      ...options,
    });
  });
  afterEach(async () => {
    await harness.server.close();
  });
  return harness;
}

/** The one request the server got, checked to be `method url` (path and query as sent) with the client's Basic credentials. */
export function expectOneRequest(server: RecordingServer, method: string, url: string): RecordedRequest {
  const request = server.only();
  expect(request.method).toBe(method);
  expect(request.url).toBe(url);
  expect(request.headers['authorization']).toBe(authorizationHeader);
  return request;
}

export function jsonBody(request: RecordedRequest): unknown {
  return JSON.parse(request.body.toString('utf8'));
}

/** Parses a multipart body with the platform's own form-data parser. */
export async function formBody(request: RecordedRequest): Promise<FormData> {
  const contentType = request.headers['content-type'] ?? '';
  return new Response(request.body, { headers: { 'content-type': contentType } }).formData();
}

export function reply(value: unknown) {
  return { status: 200, body: { reply: value } };
}
