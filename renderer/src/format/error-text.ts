/** What a failure says, to be shown as it is (a TigerError's message is main's, for the user). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
