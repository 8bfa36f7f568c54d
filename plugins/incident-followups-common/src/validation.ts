import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { INCIDENT_STATUSES } from './incident';
import { SEVERITIES } from './severity';

/**
 * A catalog entity ref in its full form (`kind:namespace/name`); the namespace may
 * be left out and defaults to `default`. Parsed refs come out normalised, lower case.
 *
 * @public
 */
export const entityRefSchema = z.string().transform((value, ctx) => {
  try {
    const ref = parseEntityRef(value);
    if (!/^[a-z0-9A-Z][\w.-]*$/.test(ref.name)) throw new Error('bad name');
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `'${value}' is not an entity ref of the form kind:namespace/name`,
    });
    return z.NEVER;
  }
});

const isoDateTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/**
 * The body of `POST /incidents`.
 *
 * @public
 */
export const createIncidentRequestSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300),
    description: z.string().max(20_000).default(''),
    severity: z.enum(SEVERITIES, {
      errorMap: () => ({ message: `must be one of ${SEVERITIES.join(', ')}` }),
    }),
    status: z.enum(INCIDENT_STATUSES).default('triggered'),
    startedAt: isoDateTime,
    resolvedAt: isoDateTime.nullable().optional(),
    entityRefs: z
      .array(entityRefSchema)
      .min(1, 'needs at least one affected entity')
      .max(100),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.status === 'resolved' && !value.resolvedAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resolvedAt'],
        message: 'is required when status is resolved',
      });
    }
    if (value.status !== 'resolved' && value.resolvedAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resolvedAt'],
        message: 'is only allowed when status is resolved',
      });
    }
    if (
      value.resolvedAt &&
      Date.parse(value.resolvedAt) < Date.parse(value.startedAt)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resolvedAt'],
        message: 'must not be before startedAt',
      });
    }
  });

/** @public */
export type CreateIncidentRequest = z.output<
  typeof createIncidentRequestSchema
>;

/**
 * Turns a validation failure into one line that names each offending field.
 *
 * @public
 */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const field = issue.path.length ? issue.path.join('.') : 'body';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}
