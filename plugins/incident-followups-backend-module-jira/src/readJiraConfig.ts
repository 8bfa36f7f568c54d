import { Config } from '@backstage/config';
import { z } from 'zod';

const jiraConfigSchema = z
  .object({
    baseUrl: z
      .string()
      .url('must be a URL such as https://example.atlassian.net')
      .transform(url => url.replace(/\/+$/, '')),
    deployment: z.enum(['cloud', 'datacenter']).default('cloud'),
    email: z.string().min(1).optional(),
    apiToken: z.string().min(1, 'must not be empty'),
    issueType: z.string().min(1).default('Task'),
  })
  .refine(c => c.deployment === 'datacenter' || c.email, {
    path: ['email'],
    message: 'is required for Jira Cloud (the account of the API token)',
  });

/** `incidentFollowups.jira`, checked. */
export type JiraConfig = z.infer<typeof jiraConfigSchema>;

/** The Jira settings, or undefined when Jira is not configured. */
export function readJiraConfig(config: Config): JiraConfig | undefined {
  const jira = config.getOptionalConfig('incidentFollowups.jira');
  if (!jira) return undefined;
  const parsed = jiraConfigSchema.safeParse(jira.get());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `incidentFollowups.jira.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}
