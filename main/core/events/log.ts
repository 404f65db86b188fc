/** The core's logger, as the event stream (and its early users) import it. */
export type { LogFields, Logger } from '../log/logger';
