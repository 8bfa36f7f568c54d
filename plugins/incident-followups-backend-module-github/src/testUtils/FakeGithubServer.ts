import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** An issue as the fake keeps it. */
export interface FakeGithubIssue {
  repo: string;
  number: number;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  state: 'open' | 'closed';
}

/**
 * GitHub's REST API on loopback for tests and the demo: issue create, list by
 * label, read, with GitHub's shapes (`html_url`, `labels: [{ name }]`, the
 * `message` and `documentation_url` of errors, rate limit headers).
 */
export class FakeGithubServer {
  readonly issues: FakeGithubIssue[] = [];
  readonly requests: {
    method: string;
    path: string;
    body: any;
    authorization?: string;
  }[] = [];
  private failures: {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
  }[] = [];
  private server?: Server;

  constructor(
    private readonly options: {
      /** The token GitHub accepts (`Authorization: token X` or `Bearer X`). */
      token: string;
      repos: string[];
      /** Logins that may be assigned. */
      users?: string[];
    },
  ) {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(error =>
        this.send(res, 500, { message: String(error) }),
      );
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

  /** The next requests fail with this status, body and headers, once each. */
  failNext(status: number, body: unknown, headers?: Record<string, string>) {
    this.failures.push({ status, body, headers });
  }

  /** Closes or reopens an issue, as someone working on it would. */
  setState(repo: string, number: number, state: 'open' | 'closed') {
    const issue = this.issues.find(i => i.repo === repo && i.number === number);
    if (!issue) throw new Error(`No issue ${repo}#${number}`);
    issue.state = state;
  }

  private htmlUrl(issue: FakeGithubIssue) {
    return `https://github.com/${issue.repo}/issues/${issue.number}`;
  }

  private toJson(issue: FakeGithubIssue) {
    return {
      id: 1000 + this.issues.indexOf(issue),
      number: issue.number,
      html_url: this.htmlUrl(issue),
      url: `${this.baseUrl}/repos/${issue.repo}/issues/${issue.number}`,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map(name => ({ name })),
      assignees: issue.assignees.map(login => ({ login })),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const authorization = req.headers.authorization;
    this.requests.push({
      method: req.method!,
      path: url.pathname + url.search,
      body,
      authorization,
    });

    const token = authorization?.replace(/^(token|Bearer) /, '');
    if (token !== this.options.token) {
      this.send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }
    const failure = this.failures.shift();
    if (failure) {
      this.send(res, failure.status, failure.body, failure.headers);
      return;
    }
    const match = /^\/repos\/([^/]+\/[^/]+)\/issues(?:\/(\d+))?$/.exec(
      url.pathname,
    );
    if (!match || !this.options.repos.includes(match[1])) {
      this.send(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/issues/issues',
        status: '404',
      });
      return;
    }
    const [, repo, number] = match;
    if (req.method === 'POST' && !number) {
      if (typeof body?.title !== 'string' || !body.title) {
        this.send(res, 422, {
          message: 'Invalid request.\n\n"title" wasn\'t supplied.',
          documentation_url:
            'https://docs.github.com/rest/issues/issues#create-an-issue',
          status: '422',
        });
        return;
      }
      const assignees: string[] = body.assignees ?? [];
      const unknown = assignees.filter(
        a => !(this.options.users ?? []).includes(a),
      );
      if (unknown.length > 0) {
        this.send(res, 422, {
          message: 'Validation Failed',
          errors: [
            {
              value: unknown[0],
              resource: 'Issue',
              field: 'assignees',
              code: 'invalid',
            },
          ],
          documentation_url:
            'https://docs.github.com/rest/issues/issues#create-an-issue',
          status: '422',
        });
        return;
      }
      const issue: FakeGithubIssue = {
        repo,
        number: this.issues.filter(i => i.repo === repo).length + 1,
        title: body.title,
        body: body.body ?? '',
        labels: body.labels ?? [],
        assignees,
        state: 'open',
      };
      this.issues.push(issue);
      this.send(res, 201, this.toJson(issue), {
        Location: this.toJson(issue).url,
      });
    } else if (req.method === 'GET' && !number) {
      const labels = (url.searchParams.get('labels') ?? '')
        .split(',')
        .filter(Boolean);
      const state = url.searchParams.get('state') ?? 'open';
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const found = this.issues
        .filter(i => i.repo === repo)
        .filter(i => state === 'all' || i.state === state)
        .filter(i => labels.every(l => i.labels.includes(l)));
      if (url.searchParams.get('direction') !== 'asc') found.reverse();
      this.send(
        res,
        200,
        found.slice(0, perPage).map(i => this.toJson(i)),
      );
    } else if (req.method === 'GET' && number) {
      const issue = this.issues.find(
        i => i.repo === repo && i.number === Number(number),
      );
      if (!issue) {
        this.send(res, 404, {
          message: 'Not Found',
          documentation_url:
            'https://docs.github.com/rest/issues/issues#get-an-issue',
          status: '404',
        });
        return;
      }
      this.send(res, 200, this.toJson(issue));
    } else {
      this.send(res, 404, { message: 'Not Found', status: '404' });
    }
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      ...headers,
    });
    res.end(JSON.stringify(body));
  }
}
