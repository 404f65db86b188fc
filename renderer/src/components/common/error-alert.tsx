/** Why the last action failed, announced to screen readers as it appears; nothing while there is none. */
export function ErrorAlert({ message, id }: { message: string | null; id?: string }) {
  if (message === null) return null;
  return (
    <p id={id} class="error" role="alert">
      {message}
    </p>
  );
}
