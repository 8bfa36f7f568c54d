import { InputError } from '@backstage/errors';
import { describeValidationError } from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';

/** Validates a request part, answering 400 with the offending fields named. */
export function parseRequest<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  part: 'body' | 'query' | 'path',
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid request ${part}: ${describeValidationError(result.error)}`,
    );
  }
  return result.data;
}
