import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** An issue as the fake keeps it. */
export interface FakeJiraIssue {
  id: string;
  key: string;
  fields: {
    project: { key: string };
    summary: string;
    description: unknown;
    labels: string[];
    issuetype: { name: string };
    assignee: { accountId?: string; name?: string } | null;
    status: { name: string; statusCategory: { key: string } };
  };
}

/** A Jira user of the fake: Cloud answers with the account id, Data Center with the name. */
export interface FakeJiraUser {
  accountId: string;
  name: string;
  emailAddress: string;
}

/** What the fake Jira is: Cloud or Data Center, its credential, projects and users. */
export interface FakeJiraOptions {
  deployment: 'cloud' | 'datacenter';
  /** The `Authorization` header Jira accepts. */
  authorization: string;
  projects: string[];
  users?: FakeJiraUser[];
}

const OPEN = { name: 'To Do', statusCategory: { key: 'new' } };
const DONE = { name: 'Done', statusCategory: { key: 'done' } };

/**
 * A Jira on loopback for tests and the demo, answering the parts of the REST API
 * (v3 for Cloud, v2 for Data Center) the module uses, with Jira's shapes: issue
 * create, JQL search by project and label, issue read, user search, and Jira's
 * error bodies (`errorMessages`, `errors`).
 */
export class FakeJiraServer {
  readonly issues: FakeJiraIssue[] = [];
  readonly requests: { method: string; path: string; body: any }[] = [];
  private readonly projects = new Set<string>();
  private readonly users: FakeJiraUser[] = [];
  private failures: {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
    path?: string;
  }[] = [];
  private server?: Server;

  // Plain fields rather than parameter properties, so that Node runs this file
  // as it is (type stripping) for the demo: scripts/fake-jira.ts.
  private readonly options: FakeJiraOptions;

  constructor(options: FakeJiraOptions) {
    this.options = options;
    options.projects.forEach(p => this.projects.add(p));
    this.users.push(...(options.users ?? []));
  }

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(error => {
        this.send(res, 500, { errorMessages: [String(error)] });
      });
    });
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    await once(this.server, 'close');
  }

  /**
   * The next request (to `path` under the REST API, such as `/issue`, when
   * given) fails with this status, body and headers, once.
   */
  failNext(
    status: number,
    body: unknown,
    options: { headers?: Record<string, string>; path?: string } = {},
  ) {
    this.failures.push({ status, body, ...options });
  }

  /** Moves an issue to Done or back to To Do, as someone working on it would. */
  setDone(key: string, done: boolean) {
    const issue = this.issues.find(i => i.key === key);
    if (!issue) throw new Error(`No issue ${key}`);
    issue.fields.status = done ? DONE : OPEN;
  }

  private get version() {
    return this.options.deployment === 'cloud' ? 3 : 2;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    this.requests.push({
      method: req.method!,
      path: url.pathname + url.search,
      body,
    });

    if (req.method === 'GET' && url.pathname.startsWith('/browse/')) {
      this.browse(
        decodeURIComponent(url.pathname.slice('/browse/'.length)),
        res,
      );
      return;
    }
    if (req.headers.authorization !== this.options.authorization) {
      // Jira answers a bad credential with a plain 401.
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end('Client must be authenticated to access this resource.');
      return;
    }
    const api = `/rest/api/${this.version}`;
    const failure = this.failures.findIndex(
      f => !f.path || url.pathname === `${api}${f.path}`,
    );
    if (failure >= 0) {
      const [{ status, body: failureBody, headers }] = this.failures.splice(
        failure,
        1,
      );
      this.send(res, status, failureBody, headers);
      return;
    }
    const path = url.pathname;
    if (req.method === 'POST' && path === `${api}/issue`) {
      this.createIssue(body, res);
    } else if (
      req.method === 'POST' &&
      path === (this.version === 3 ? `${api}/search/jql` : `${api}/search`)
    ) {
      this.search(body, res);
    } else if (req.method === 'GET' && path.startsWith(`${api}/issue/`)) {
      const key = decodeURIComponent(path.slice(`${api}/issue/`.length));
      const issue = this.issues.find(i => i.key === key || i.id === key);
      if (!issue) {
        this.send(res, 404, {
          errorMessages: [
            'Issue does not exist or you do not have permission to see it.',
          ],
          errors: {},
        });
        return;
      }
      this.send(res, 200, {
        id: issue.id,
        key: issue.key,
        self: `${this.baseUrl}${api}/issue/${issue.id}`,
        fields: { status: issue.fields.status },
      });
    } else if (req.method === 'GET' && path === `${api}/user/search`) {
      const query = (
        url.searchParams.get(this.version === 3 ? 'query' : 'username') ?? ''
      ).toLowerCase();
      this.send(
        res,
        200,
        this.users
          .filter(u => u.emailAddress.toLowerCase().includes(query))
          .map(u =>
            this.version === 3
              ? {
                  accountId: u.accountId,
                  emailAddress: u.emailAddress,
                  active: true,
                }
              : {
                  name: u.name,
                  key: u.name,
                  emailAddress: u.emailAddress,
                  active: true,
                },
          ),
      );
    } else {
      this.send(res, 404, {
        errorMessages: [`No route ${req.method} ${path}`],
      });
    }
  }

  private createIssue(body: any, res: ServerResponse) {
    const fields = body?.fields ?? {};
    const errors: Record<string, string> = {};
    const project = fields.project?.key;
    if (!project || !this.projects.has(project)) {
      errors.project = 'valid project is required';
    }
    if (!fields.summary)
      errors.summary = 'You must specify a summary of the issue.';
    if (!fields.issuetype?.name)
      errors.issuetype = 'valid issue type is required';
    if (
      this.version === 3 &&
      fields.description !== undefined &&
      fields.description?.type !== 'doc'
    ) {
      errors.description =
        'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    }
    if (
      this.version === 2 &&
      fields.description !== undefined &&
      typeof fields.description !== 'string'
    ) {
      errors.description = 'Operation value must be a string';
    }
    const labels: unknown[] = fields.labels ?? [];
    if (labels.some(l => typeof l !== 'string' || /\s/.test(l))) {
      errors.labels = 'The label cannot contain spaces.';
    }
    if (fields.assignee) {
      const known = this.users.some(u =>
        this.version === 3
          ? u.accountId === fields.assignee.accountId
          : u.name === fields.assignee.name,
      );
      if (!known) errors.assignee = 'User cannot be assigned issues.';
    }
    if (Object.keys(errors).length > 0) {
      this.send(res, 400, { errorMessages: [], errors });
      return;
    }
    const number =
      this.issues.filter(i => i.fields.project.key === project).length + 1;
    const id = String(10000 + this.issues.length);
    const issue: FakeJiraIssue = {
      id,
      key: `${project}-${number}`,
      fields: {
        project: { key: project },
        summary: fields.summary,
        description: fields.description,
        labels: labels as string[],
        issuetype: { name: fields.issuetype.name },
        assignee: fields.assignee ?? null,
        status: OPEN,
      },
    };
    this.issues.push(issue);
    this.send(res, 201, {
      id,
      key: issue.key,
      self: `${this.baseUrl}/rest/api/${this.version}/issue/${id}`,
    });
  }

  /** JQL of the form the module sends: `project = "X" AND labels = "Y" ORDER BY ...`. */
  private search(body: any, res: ServerResponse) {
    const match =
      /^project = "([^"]+)" AND labels = "([^"]+)"(?: ORDER BY created ASC)?$/.exec(
        body?.jql ?? '',
      );
    if (!match) {
      this.send(res, 400, {
        errorMessages: [`Error in the JQL Query: ${body?.jql}`],
        errors: {},
      });
      return;
    }
    const [, project, label] = match;
    if (!this.projects.has(project)) {
      this.send(res, 400, {
        errorMessages: [
          `The value '${project}' does not exist for the field 'project'.`,
        ],
        errors: {},
      });
      return;
    }
    const issues = this.issues
      .filter(
        i =>
          i.fields.project.key === project && i.fields.labels.includes(label),
      )
      .slice(0, body.maxResults ?? 50)
      .map(i => ({
        id: i.id,
        key: i.key,
        fields: { status: i.fields.status },
      }));
    this.send(
      res,
      200,
      this.version === 3
        ? { issues, isLast: true }
        : {
            startAt: 0,
            maxResults: body.maxResults ?? 50,
            total: issues.length,
            issues,
          },
    );
  }

  /** The issue page people open from the link, in its plainest form. */
  private browse(key: string, res: ServerResponse) {
    const issue = this.issues.find(i => i.key === key);
    const escape = (text: string) =>
      text.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
    res.writeHead(issue ? 200 : 404, {
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.end(
      issue
        ? `<!doctype html><title>${escape(issue.key)}</title><h1>${escape(
            issue.key,
          )}: ${escape(issue.fields.summary)}</h1><p>Status: ${escape(
            issue.fields.status.name,
          )}</p><p>Labels: ${escape(issue.fields.labels.join(', '))}</p>`
        : '<!doctype html><title>Not found</title><p>No such issue</p>',
    );
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}
