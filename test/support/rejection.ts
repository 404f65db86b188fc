import { expect } from 'vitest';

/** What `promise` was rejected with, checked to be an `errorClass`: a promise that fulfils, or rejects with anything else, fails the test. */
export async function rejectionOf<E>(promise: Promise<unknown>, errorClass: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(errorClass);
  return error as E;
}
