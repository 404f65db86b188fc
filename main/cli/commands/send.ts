import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FileUpload } from '../../core/api';
import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import { CliError, exitCodes } from '../cli-error';
import type { CliIo } from '../cli-io';
import { openRuntime } from '../signed-in';

type Send = Extract<Command, { name: 'send' }>;

export async function send(command: Send, context: CliContext, io: CliIo): Promise<void> {
  const attachment = command.attach === undefined ? undefined : await fileOf(command.attach);
  const runtime = await openRuntime(context);
  try {
    const sent = await runtime.send({
      recipient: command.address,
      body: command.text,
      deleteOnRead: command.dor,
      ...(command.ttl === undefined ? {} : { ttlMinutes: command.ttl }),
      ...(command.priority === undefined ? {} : { priority: command.priority }),
      ...(attachment === undefined ? {} : { attachment }),
    });
    if (command.json) {
      io.stdout.write(`${JSON.stringify(sent)}\n`);
      return;
    }
    const shortened = command.ttl !== undefined && sent.ttl !== undefined && sent.ttl !== command.ttl
      ? ` (the organization set its lifetime to ${sent.ttl} minutes)`
      : '';
    io.stdout.write(`Sent to ${command.address}: message ${sent.messageId}${shortened}\n`);
  } finally {
    await runtime.close();
  }
}

const contentTypes: Record<string, string> = {
  '.txt': 'text/plain', '.csv': 'text/csv', '.json': 'application/json', '.pdf': 'application/pdf',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.heic': 'image/heic',
  '.webp': 'image/webp', '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.mp3': 'audio/mpeg', '.wav': 'audio/wav',
  '.doc': 'application/msword', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.zip': 'application/zip',
};

async function fileOf(path: string): Promise<FileUpload> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(exitCodes.failed, `Cannot read the attachment ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const contentType = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return { name: basename(path), contentType, bytes: new Uint8Array(bytes) };
}
