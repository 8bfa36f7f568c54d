import { z } from 'zod';

/** What this module reads of Jira's answers; anything else in them is ignored. */
export const createdIssueSchema = z.object({
  id: z.string(),
  key: z.string().min(1),
});

export const issueSchema = z.object({
  key: z.string().min(1),
  fields: z.object({
    status: z.object({
      name: z.string().optional(),
      statusCategory: z.object({ key: z.string() }),
    }),
  }),
});

export const searchResultSchema = z.object({
  issues: z.array(issueSchema),
});

export const usersSchema = z.array(
  z.object({
    accountId: z.string().optional(),
    name: z.string().optional(),
    emailAddress: z.string().optional(),
    active: z.boolean().optional(),
  }),
);

export const errorSchema = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string()).optional(),
  message: z.string().optional(),
});
