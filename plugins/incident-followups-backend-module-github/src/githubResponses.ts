import { z } from 'zod';

/** What this module reads of GitHub's answers; anything else in them is ignored. */
export const issueSchema = z.object({
  number: z.number().int(),
  html_url: z.string().url(),
  state: z.enum(['open', 'closed']),
});

export const issuesSchema = z.array(issueSchema);

export const errorSchema = z.object({
  message: z.string(),
  errors: z
    .array(
      z.union([
        z.string(),
        z.object({
          field: z.string().optional(),
          code: z.string().optional(),
          message: z.string().optional(),
        }),
      ]),
    )
    .optional(),
});
