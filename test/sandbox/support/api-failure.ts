import { ApiError } from '../../../main/core/api';
import { rejectionOf } from '../../support/rejection';

/** The ApiError a call was refused with; a call that succeeds, or fails otherwise, fails the test. */
export function failure(call: Promise<unknown>): Promise<ApiError> {
  return rejectionOf(call, ApiError);
}
