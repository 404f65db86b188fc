import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { HttpError, badRequest, tooLarge } from './errors';

export interface UploadedFile {
  field: string;
  /** Where the upload waits on disk until a route adopts it (renames it into place). */
  path: string;
  filename: string;
  mimetype: string;
  size: number;
}

export interface RequestInput {
  fields: Record<string, unknown>;
  files: UploadedFile[];
  /** Removes the uploads no route adopted, so a rejected request leaves nothing behind. */
  cleanup(): Promise<void>;
}

export interface InputLimits {
  uploadDir: string;
  maxFileBytes: number;
}

/**
 * One view of a request's parameters whatever the body's encoding (JSON, urlencoded, multipart),
 * with query parameters filling in what the body lacks, since the spec puts some of them
 * (`recipient`, the organization key) in the query.
 */
export async function readInput(request: FastifyRequest, limits: InputLimits): Promise<RequestInput> {
  const files: UploadedFile[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(files.map((file) => rm(file.path, { force: true })));
  };
  let fields: Record<string, unknown>;
  try {
    fields = request.isMultipart() ? await readMultipart(request, limits, files) : bodyFields(request.body);
  } catch (error) {
    await cleanup();
    throw error instanceof HttpError ? error : badRequest(`malformed multipart body: ${describe(error)}`);
  }
  const query = request.query as Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (!(name in fields)) fields[name] = value;
  }
  return { fields, files, cleanup };
}

/** The parser's own words about a broken body; never the body itself. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unreadable';
}

function bodyFields(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object');
  }
  return { ...(body as Record<string, unknown>) };
}

async function readMultipart(
  request: FastifyRequest,
  limits: InputLimits,
  files: UploadedFile[],
): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  const parts = request.parts({ limits: { fileSize: limits.maxFileBytes } });
  for await (const part of parts) {
    if (part.type === 'file') {
      const path = join(limits.uploadDir, `upload-${randomUUID()}`);
      const file: UploadedFile = {
        field: part.fieldname,
        path,
        filename: part.filename,
        mimetype: part.mimetype,
        size: 0,
      };
      files.push(file);
      part.file.on('data', (chunk: Buffer) => {
        file.size += chunk.length;
      });
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) {
        throw tooLarge(`file "${part.fieldname}" is larger than the limit of ${limits.maxFileBytes} bytes`);
      }
    } else {
      addField(fields, part.fieldname, part.value);
    }
  }
  return fields;
}

export function addField(fields: Record<string, unknown>, name: string, value: unknown): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

/** `application/x-www-form-urlencoded` bodies, parsed without a package: repeated keys become arrays. */
export function parseUrlEncoded(text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(text)) addField(fields, name, value);
  return fields;
}
