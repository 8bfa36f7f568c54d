import { Entity } from '@backstage/catalog-model';
import {
  GithubCredentialsProvider,
  GithubIntegrationConfig,
} from '@backstage/integration';
import {
  NewTicket,
  TicketTracker,
  TicketTrackerError,
  TrackedTicket,
} from '@incident-followups/plugin-incident-followups-node';
import { z } from 'zod';
import { errorSchema, issueSchema, issuesSchema } from './githubResponses';

/** The annotation Backstage's GitHub plugins read the repository from. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
/** The annotation that links a catalog user to their GitHub login. */
export const GITHUB_USER_LOGIN_ANNOTATION = 'github.com/user-login';

const SLUG = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

/** GitHub Issues as a ticket tracker, with the credentials of `integrations.github`. */
export class GithubTicketTracker implements TicketTracker {
  readonly id = 'github';
  readonly annotation = GITHUB_PROJECT_SLUG_ANNOTATION;

  constructor(
    private readonly integration: GithubIntegrationConfig,
    private readonly credentials: GithubCredentialsProvider,
    private readonly timeoutMs = 15_000,
  ) {}

  private get apiBaseUrl() {
    return (this.integration.apiBaseUrl ?? 'https://api.github.com').replace(
      /\/+$/,
      '',
    );
  }

  destinationOf(entity: Entity): string | undefined {
    const slug =
      entity.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
    return slug && SLUG.test(slug) ? slug : undefined;
  }

  async createTicket(ticket: NewTicket): Promise<TrackedTicket> {
    const login =
      ticket.assignee?.metadata.annotations?.[GITHUB_USER_LOGIN_ANNOTATION];
    const issue = await this.call(
      ticket.destination,
      'POST',
      '/issues',
      issueSchema,
      {
        title: ticket.title,
        body: ticket.description,
        labels: ticket.labels,
        ...(login ? { assignees: [login] } : {}),
      },
    );
    return this.tracked(issue);
  }

  async findTicket(destination: string, marker: string) {
    // The issues list (not the search API) sees an issue as soon as it exists.
    const issues = await this.call(
      destination,
      'GET',
      `/issues?labels=${encodeURIComponent(
        marker,
      )}&state=all&direction=asc&per_page=1`,
      issuesSchema,
    );
    return issues[0] && this.tracked(issues[0]);
  }

  async readTicket(destination: string, key: string) {
    return this.tracked(
      await this.call(
        destination,
        'GET',
        `/issues/${encodeURIComponent(key)}`,
        issueSchema,
      ),
    );
  }

  private tracked(issue: z.infer<typeof issueSchema>): TrackedTicket {
    return {
      key: String(issue.number),
      url: issue.html_url,
      state: issue.state,
    };
  }

  private async call<T extends z.ZodTypeAny>(
    repo: string,
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<z.infer<T>> {
    const { headers } = await this.credentials.getCredentials({
      url: `https://${this.integration.host}/${repo}`,
    });
    const url = `${this.apiBaseUrl}/repos/${repo}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...headers,
          Accept: 'application/vnd.github+json',
          'Content-Type': 'application/json',
          'X-GitHub-Api-Version': '2022-11-28',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TicketTrackerError(
        `GitHub at ${this.apiBaseUrl} did not answer: ${
          (error as Error).cause ?? (error as Error).message
        }`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new TicketTrackerError(
        githubErrorMessage(repo, response, text),
        response.status,
      );
    }
    let parsed;
    try {
      parsed = schema.safeParse(JSON.parse(text));
    } catch {
      throw new TicketTrackerError(
        `GitHub answered ${method} ${path} with a body that is not JSON`,
        response.status,
      );
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TicketTrackerError(
        `GitHub answered ${method} ${path} with an unexpected body: ${issue.path.join(
          '.',
        )}: ${issue.message}`,
        response.status,
      );
    }
    return parsed.data;
  }
}

/** GitHub's own words for a refusal, with what a person needs to act on it. */
function githubErrorMessage(
  repo: string,
  response: Response,
  text: string,
): string {
  let detail = text.trim().slice(0, 500);
  try {
    const body = errorSchema.parse(JSON.parse(text));
    const fields = (body.errors ?? []).map(e =>
      typeof e === 'string'
        ? e
        : e.message ?? [e.field, e.code].filter(Boolean).join(' '),
    );
    detail = [body.message, ...fields].join('; ');
  } catch {
    // Not GitHub's JSON (a proxy's page): the text as it came.
  }
  const hints: string[] = [];
  if (response.status === 404) {
    hints.push(
      `the repository ${repo} does not exist or the integrations.github credentials cannot see it`,
    );
  }
  const remaining = response.headers.get('x-ratelimit-remaining');
  const reset = response.headers.get('x-ratelimit-reset');
  if (remaining === '0' && reset) {
    hints.push(
      `rate limit reached until ${new Date(
        Number(reset) * 1000,
      ).toISOString()}`,
    );
  }
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter) hints.push(`retry after ${retryAfter} seconds`);
  return `${response.status} ${response.statusText}: ${detail}${
    hints.length ? ` (${hints.join('; ')})` : ''
  }`;
}
