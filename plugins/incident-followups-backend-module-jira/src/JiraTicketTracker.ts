import { Entity } from '@backstage/catalog-model';
import {
  NewTicket,
  TicketTracker,
  TicketTrackerError,
  TrackedTicket,
} from '@incident-followups/plugin-incident-followups-node';
import { z } from 'zod';
import { toAdf } from './adf';
import {
  createdIssueSchema,
  errorSchema,
  issueSchema,
  searchResultSchema,
  usersSchema,
} from './jiraResponses';
import { JiraConfig } from './readJiraConfig';

/** The annotation other Backstage Jira plugins read the project from. */
export const JIRA_PROJECT_KEY_ANNOTATION = 'jira/project-key';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

/** Jira Cloud (REST v3) or Data Center (REST v2) as a ticket tracker. */
export class JiraTicketTracker implements TicketTracker {
  readonly id = 'jira';
  readonly annotation = JIRA_PROJECT_KEY_ANNOTATION;
  private readonly api: string;

  constructor(
    private readonly config: JiraConfig,
    private readonly timeoutMs = 15_000,
  ) {
    this.api = `${config.baseUrl}/rest/api/${
      config.deployment === 'cloud' ? 3 : 2
    }`;
  }

  destinationOf(entity: Entity): string | undefined {
    const key =
      entity.metadata.annotations?.[
        JIRA_PROJECT_KEY_ANNOTATION
      ]?.trim().toUpperCase();
    return key && PROJECT_KEY.test(key) ? key : undefined;
  }

  async createTicket(ticket: NewTicket): Promise<TrackedTicket> {
    const cloud = this.config.deployment === 'cloud';
    const assignee = await this.assigneeOf(ticket.assignee);
    const created = await this.call('POST', '/issue', createdIssueSchema, {
      fields: {
        project: { key: ticket.destination },
        issuetype: { name: this.config.issueType },
        summary: ticket.title.slice(0, 255),
        description: cloud ? toAdf(ticket.description) : ticket.description,
        labels: ticket.labels,
        ...(assignee ? { assignee } : {}),
      },
    });
    return {
      key: created.key,
      url: this.browseUrl(created.key),
      state: 'open',
    };
  }

  async findTicket(destination: string, marker: string) {
    const search = {
      jql: `project = "${destination}" AND labels = "${marker}" ORDER BY created ASC`,
      fields: ['status'],
      maxResults: 1,
    };
    const result =
      this.config.deployment === 'cloud'
        ? await this.call('POST', '/search/jql', searchResultSchema, search)
        : await this.call('POST', '/search', searchResultSchema, search);
    const issue = result.issues[0];
    return issue && this.tracked(issue);
  }

  async readTicket(_destination: string, key: string) {
    const issue = await this.call(
      'GET',
      `/issue/${encodeURIComponent(key)}?fields=status`,
      issueSchema,
    );
    return this.tracked(issue);
  }

  /** The owner as a Jira user, found by the email of their catalog profile. */
  private async assigneeOf(user?: Entity) {
    const email = (user?.spec?.profile as { email?: unknown } | undefined)
      ?.email;
    if (typeof email !== 'string' || !email) return undefined;
    const cloud = this.config.deployment === 'cloud';
    let users: z.infer<typeof usersSchema>;
    try {
      users = await this.call(
        'GET',
        `/user/search?${cloud ? 'query' : 'username'}=${encodeURIComponent(
          email,
        )}`,
        usersSchema,
      );
    } catch (error) {
      // Without the right to browse users the issue is still worth creating, unassigned.
      if (error instanceof TicketTrackerError) return undefined;
      throw error;
    }
    const match = users.filter(
      u =>
        u.active !== false &&
        u.emailAddress?.toLowerCase() === email.toLowerCase(),
    );
    if (match.length !== 1) return undefined;
    if (cloud)
      return match[0].accountId ? { accountId: match[0].accountId } : undefined;
    return match[0].name ? { name: match[0].name } : undefined;
  }

  private tracked(issue: z.infer<typeof issueSchema>): TrackedTicket {
    return {
      key: issue.key,
      url: this.browseUrl(issue.key),
      state:
        issue.fields.status.statusCategory.key === 'done' ? 'closed' : 'open',
    };
  }

  private browseUrl(key: string) {
    return `${this.config.baseUrl}/browse/${key}`;
  }

  private async call<T extends z.ZodTypeAny>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<z.infer<T>> {
    const { deployment, email, apiToken } = this.config;
    let response: Response;
    try {
      response = await fetch(`${this.api}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Authorization:
            deployment === 'cloud'
              ? `Basic ${Buffer.from(`${email}:${apiToken}`).toString(
                  'base64',
                )}`
              : `Bearer ${apiToken}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TicketTrackerError(
        `Jira at ${this.config.baseUrl} did not answer: ${
          (error as Error).cause ?? (error as Error).message
        }`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new TicketTrackerError(
        jiraErrorMessage(response, text),
        response.status,
      );
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new TicketTrackerError(
        `Jira answered ${method} ${path} with a body that is not JSON`,
        response.status,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TicketTrackerError(
        `Jira answered ${method} ${path} with an unexpected body: ${issue.path.join(
          '.',
        )}: ${issue.message}`,
        response.status,
      );
    }
    return parsed.data;
  }
}

/** Jira's own words for a refusal, from its error body when it has one. */
function jiraErrorMessage(response: Response, text: string): string {
  let detail = text.trim().slice(0, 500);
  try {
    const body = errorSchema.parse(JSON.parse(text));
    const messages = [
      ...(body.errorMessages ?? []),
      ...Object.entries(body.errors ?? {}).map(([f, m]) => `${f}: ${m}`),
      ...(body.message ? [body.message] : []),
    ];
    if (messages.length > 0) detail = messages.join('; ');
  } catch {
    // Not JSON (a proxy's page, Jira's plain 401): the text as it came.
  }
  const retryAfter = response.headers.get('retry-after');
  return `${response.status} ${response.statusText}${
    detail ? `: ${detail}` : ''
  }${retryAfter ? ` (retry after ${retryAfter} seconds)` : ''}`;
}
