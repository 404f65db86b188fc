// Every benchmark of `npm run bench`, in the order they run.
import { bench as appStart } from './app-start-bench';
import { bench as coldStart } from './cold-start-bench';
import type { Bench } from './figure';
import { bench as hospitalYear } from './hospital-year-bench';
import { bench as idle } from './idle-bench';
import { bench as ingest } from './ingest-bench';
import { bench as latency } from './latency-bench';
import { bench as outbox } from './outbox-bench';
import { bench as renderer } from './renderer-bench';
import { bench as sandbox } from './sandbox-bench';
import { bench as shiftSession } from './shift-session-bench';
import { bench as sync } from './sync-bench';

export const benches: readonly Bench[] = [sandbox, sync, ingest, latency, outbox, coldStart, hospitalYear, appStart, renderer, idle, shiftSession];
