import { englishText } from '../../../i18n/english';
import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import { CliError, exitCodes } from '../cli-error';
import type { CliIo } from '../cli-io';
import { outboxJobLine } from '../human-output';
import { openRuntime } from '../signed-in';
import { keptForSignIn, queuedNotice } from './send';

type OutboxCommand = Extract<Command, { name: 'outbox' }>;

/** Lists what is waiting to be sent, or retries or cancels one job. Listing and cancelling need no network. */
export async function outbox(command: OutboxCommand, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    switch (command.action) {
      case 'list': {
        const jobs = runtime.outbox.jobs();
        if (command.json) {
          // The CLI speaks English: the last error as its English wording.
          for (const job of jobs) io.stdout.write(`${JSON.stringify({ ...job, lastError: job.lastError === null ? null : englishText(job.lastError) })}\n`);
        } else if (jobs.length === 0) {
          io.stdout.write('The outbox is empty: everything was sent.\n');
        } else {
          for (const job of jobs) {
            const message = job.messageId === null ? undefined : runtime.store.messages.byId(job.messageId);
            io.stdout.write(`${outboxJobLine(job, message?.body ?? null)}\n`);
          }
        }
        return;
      }
      case 'cancel': {
        const messageId = runtime.outbox.jobs().find((held) => held.id === command.jobId && held.kind === 'send')?.messageId ?? null;
        await runtime.outbox.cancel(command.jobId);
        // A message the server already has stays; one it never got goes with its job.
        const removed = messageId !== null && runtime.store.messages.byId(messageId) === undefined;
        io.stdout.write(`Cancelled outbox job ${command.jobId}${removed ? ' and its message removed' : ''}.\n`);
        return;
      }
      case 'retry': {
        runtime.outbox.retry(command.jobId);
        runtime.outbox.start();
        await runtime.outbox.whenIdle();
        const job = runtime.outbox.jobs().find((held) => held.id === command.jobId);
        if (job !== undefined && context.session.state.kind === 'credentials-rejected') {
          throw new CliError(exitCodes.notSignedIn, keptForSignIn(job.id));
        }
        if (job === undefined) {
          io.stdout.write(`Outbox job ${command.jobId} is done.\n`);
        } else if (job.state === 'failed') {
          throw new CliError(exitCodes.failed, `Outbox job ${job.id} failed again: ${job.lastError === null ? 'the server refused it' : englishText(job.lastError)}`);
        } else {
          io.stdout.write(`${queuedNotice} (outbox job ${job.id}).\n`);
          if (job.lastError !== null) io.stdout.write(`  last attempt: ${englishText(job.lastError)}\n`);
        }
        return;
      }
    }
  } finally {
    await runtime.close();
  }
}
