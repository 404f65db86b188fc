/** A refusal from main without the call name the preload puts in front of it. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^[A-Za-z]+: /, '');
}
