// Every benchmark of `npm run bench`, in the order they run.
import type { Bench } from './figure';
import { bench as outbox } from './outbox-bench';
import { bench as sandbox } from './sandbox-bench';
import { bench as sync } from './sync-bench';

export const benches: readonly Bench[] = [sandbox, sync, outbox];
