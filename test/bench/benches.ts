// Every benchmark of `npm run bench`, in the order they run.
import type { Bench } from './figure';

export const benches: readonly Bench[] = [];
