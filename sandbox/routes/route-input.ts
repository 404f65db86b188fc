import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context';
import { badRequest } from '../errors';
import { readInput } from '../input';
import type { RequestInput, UploadedFile } from '../input';

/** Reads the request's parameters, runs `work`, and removes any upload `work` did not adopt. */
export async function withInput<T>(
  ctx: SandboxContext,
  request: FastifyRequest,
  work: (input: RequestInput) => T | Promise<T>,
): Promise<T> {
  const input = await readInput(request, { uploadDir: ctx.paths.uploads, maxFileBytes: ctx.maxAttachmentBytes });
  try {
    return await work(input);
  } finally {
    await input.cleanup();
  }
}

/** The one file a request may carry, under its one accepted field name. */
export function singleFile(input: RequestInput, field: string): UploadedFile | undefined {
  const stray = input.files.find((file) => file.field !== field);
  if (stray !== undefined) throw badRequest(`unexpected file field "${stray.field}" (expected "${field}")`);
  if (input.files.length > 1) throw badRequest(`at most one file in "${field}"`);
  return input.files[0];
}

export function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}
