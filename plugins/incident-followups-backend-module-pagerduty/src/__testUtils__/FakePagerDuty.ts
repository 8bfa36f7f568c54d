import express, { NextFunction, Request, Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadContractSpec } from './contractSpec';
import {
  FakeIncident,
  FakeLogEntry,
  incidentJson,
  logEntryJson,
} from './fakeData';

/** A fault the fake answers with instead of the real answer, once per matching request. */
export type FakeFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'hang' };

/** A request or response that PagerDuty's OpenAPI document does not allow. */
export interface ContractViolation {
  method: string;
  path: string;
  message: string;
}

function pagerDutyError(
  res: Response,
  status: number,
  message: string,
  code: number,
) {
  res.status(status).json({ error: { message, code } });
}

/**
 * A PagerDuty REST API on loopback for tests and the demo. Every request it gets
 * and every answer it gives is checked against PagerDuty's OpenAPI document;
 * what fails lands in `violations`.
 */
export class FakePagerDuty {
  readonly incidents = new Map<string, FakeIncident>();
  readonly logEntries = new Map<string, FakeLogEntry[]>();
  readonly violations: ContractViolation[] = [];
  /** Each request the fake got: method, path and query string. */
  readonly requests: { method: string; path: string; query: string }[] = [];
  /** The writes the fake carried out, with the From header they came with. */
  readonly writes: {
    method: string;
    path: string;
    from: string;
    body: unknown;
  }[] = [];
  /** Per service, who is on call at each escalation level (e-mail addresses, first level first). */
  readonly onCall = new Map<string, string[]>();
  /** The status pages of the account. */
  statusPages = ['PSTATUS'];
  /** The priority names of the account. */
  priorities = ['P1', 'P2', 'P3', 'P4', 'P5'];
  /** Faults waiting for a request whose path matches. */
  readonly faults: { path: RegExp; fault: FakeFault }[] = [];
  /** Called before each answer, for changes that land between two pages. */
  beforeAnswer?: (req: Request) => void;
  validTokens: Set<string>;
  private nextNumber = 1;
  private nextLogEntry = 1;
  private readonly hanging = new Set<Response>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    token: string,
  ) {
    this.validTokens = new Set([token]);
  }

  static userId(email: string): string {
    return `PU${Buffer.from(email).toString('hex').slice(0, 10).toUpperCase()}`;
  }

  static async start(options: { token?: string; port?: number } = {}) {
    const app = express();
    const server = createServer(app);
    await new Promise<void>(resolve =>
      server.listen(options.port ?? 0, '127.0.0.1', resolve),
    );
    const port = (server.address() as AddressInfo).port;
    const fake = new FakePagerDuty(
      server,
      `http://127.0.0.1:${port}`,
      options.token ?? 'fake-token',
    );
    fake.mount(app);
    return fake;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  addIncident(
    incident: Partial<FakeIncident> & { serviceId: string; createdAt: string },
  ): FakeIncident {
    const number = this.nextNumber++;
    const stored: FakeIncident = {
      id: `Q${String(number).padStart(7, '0')}`,
      number,
      title: `Incident ${number}`,
      status: 'triggered',
      updatedAt: incident.createdAt,
      resolvedAt: null,
      priority: null,
      urgency: 'high',
      assigneeEmails: [],
      acknowledgedAt: null,
      acknowledgerEmail: null,
      mergedInto: null,
      ...incident,
    };
    this.incidents.set(stored.id, stored);
    this.addLogEntry(
      stored.id,
      'trigger_log_entry',
      'Triggered through the API',
      stored.createdAt,
    );
    return stored;
  }

  addLogEntry(
    incidentId: string,
    type: string,
    summary: string,
    createdAt: string,
    agentEmail: string | null = null,
  ) {
    const entry: FakeLogEntry = {
      id: `R${String(this.nextLogEntry++).padStart(9, '0')}`,
      incidentId,
      type,
      summary,
      createdAt,
      agentEmail,
    };
    this.logEntries.set(incidentId, [
      ...(this.logEntries.get(incidentId) ?? []),
      entry,
    ]);
    return entry;
  }

  acknowledge(id: string, at: string, email: string) {
    const incident = this.incidents.get(id)!;
    Object.assign(incident, {
      status: 'acknowledged',
      acknowledgedAt: at,
      acknowledgerEmail: email,
      updatedAt: at,
    });
    this.addLogEntry(
      id,
      'acknowledge_log_entry',
      `Acknowledged by ${email}`,
      at,
      email,
    );
  }

  resolve(id: string, at: string, email: string | null = null) {
    const incident = this.incidents.get(id)!;
    Object.assign(incident, {
      status: 'resolved',
      resolvedAt: at,
      updatedAt: at,
    });
    this.addLogEntry(
      id,
      'resolve_log_entry',
      email ? `Resolved by ${email}` : 'Resolved through the API',
      at,
      email,
    );
  }

  merge(primaryId: string, childId: string, at: string) {
    this.resolve(childId, at);
    this.incidents.get(childId)!.mergedInto = primaryId;
  }

  failNext(path: RegExp, fault: FakeFault, times = 1) {
    for (let i = 0; i < times; i++) this.faults.push({ path, fault });
  }

  private mount(app: express.Express) {
    app.use((req, res, next) => {
      this.requests.push({
        method: req.method,
        path: req.path,
        query: req.url.split('?')[1] ?? '',
      });
      const index = this.faults.findIndex(f => f.path.test(req.path));
      if (index < 0) return next();
      const [{ fault }] = this.faults.splice(index, 1);
      if (fault.kind === 'hang') {
        this.hanging.add(res);
        return undefined;
      }
      if (fault.kind === 'rate-limit') {
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        return pagerDutyError(res, 429, 'Rate Limit Exceeded', 2020);
      }
      return pagerDutyError(res, 500, 'Internal Server Error', 2000);
    });
    app.use((req, res, next) => {
      if (
        !this.validTokens.has(
          (req.header('authorization') ?? '').replace(/^Token token=/, ''),
        )
      ) {
        return pagerDutyError(res, 401, 'Unauthorized', 2006);
      }
      return next();
    });
    app.use(express.json());
    app.use(
      OpenApiValidator.middleware({
        apiSpec: loadContractSpec() as any,
        validateRequests: { allowUnknownQueryParameters: false },
        validateResponses: {
          onError: (error, _body, req) => {
            this.violations.push({
              method: req.method,
              path: req.path,
              message: `response: ${error.message}`,
            });
          },
        },
        validateSecurity: false,
        validateApiSpec: false,
        validateFormats: true,
        // Formats of PagerDuty's own that the document does not define.
        formats: {
          tzinfo: true,
          'activesupport-time-zone': true,
          url: true,
          TEXTAREA: true,
          'partial-time': true,
        },
      }),
    );
    app.use((req, _res, next) => {
      this.beforeAnswer?.(req);
      next();
    });
    app.get('/incidents', (req, res) => this.listIncidents(req, res));
    app.get('/incidents/:id', (req, res) => {
      const incident = this.incidents.get(req.params.id);
      if (!incident) return pagerDutyError(res, 404, 'Not Found', 2100);
      return res.json({ incident: incidentJson(incident, this.baseUrl) });
    });
    app.get('/incidents/:id/log_entries', (req, res) => {
      if (!this.incidents.has(req.params.id))
        return pagerDutyError(res, 404, 'Not Found', 2100);
      const { offset, limit } = this.paging(req);
      const entries = this.logEntries.get(req.params.id) ?? [];
      return res.json({
        log_entries: entries
          .slice(offset, offset + limit)
          .map(e => logEntryJson(e, this.baseUrl)),
        offset,
        limit,
        more: offset + limit < entries.length,
        total: null,
      });
    });
    app.get('/services/:id', (req, res) => {
      if (!this.onCall.has(req.params.id)) {
        return pagerDutyError(res, 404, 'Not Found', 2100);
      }
      const id = req.params.id;
      return res.json({
        service: {
          id,
          type: 'service',
          summary: `Service ${id}`,
          self: `${this.baseUrl}/services/${id}`,
          html_url: `${this.baseUrl}/service-directory/${id}`,
          name: `Service ${id}`,
          escalation_policy: {
            id: `EP${id}`,
            type: 'escalation_policy_reference',
            summary: `Escalation policy of ${id}`,
            self: `${this.baseUrl}/escalation_policies/EP${id}`,
            html_url: `${this.baseUrl}/escalation_policies/EP${id}`,
          },
        },
      });
    });
    app.get('/oncalls', (req, res) => {
      const policies = ([] as string[]).concat(
        (req.query.escalation_policy_ids as string[] | string | undefined) ??
          [],
      );
      const oncalls = policies.flatMap(policy =>
        (this.onCall.get(policy.replace(/^EP/, '')) ?? []).map(
          (email, level) => ({
            escalation_policy: {
              id: policy,
              type: 'escalation_policy_reference',
              summary: policy,
              self: `${this.baseUrl}/escalation_policies/${policy}`,
              html_url: `${this.baseUrl}/escalation_policies/${policy}`,
            },
            user: {
              id: FakePagerDuty.userId(email),
              type: 'user_reference',
              summary: email,
              self: `${this.baseUrl}/users/${FakePagerDuty.userId(email)}`,
              html_url: `${this.baseUrl}/users/${FakePagerDuty.userId(email)}`,
            },
            escalation_level: level + 1,
          }),
        ),
      );
      return res.json({
        oncalls,
        offset: 0,
        limit: 100,
        more: false,
        total: null,
      });
    });
    app.get('/users/:id', (req, res) => {
      const email = [...this.onCall.values()]
        .flat()
        .find(e => FakePagerDuty.userId(e) === req.params.id);
      if (!email) return pagerDutyError(res, 404, 'Not Found', 2100);
      return res.json({
        user: {
          id: req.params.id,
          type: 'user',
          summary: email,
          self: `${this.baseUrl}/users/${req.params.id}`,
          html_url: `${this.baseUrl}/users/${req.params.id}`,
          name: email.split('@')[0],
          email,
        },
      });
    });
    app.put('/incidents/:id/merge', (req, res) => {
      const target = this.incidents.get(req.params.id);
      if (!target) return pagerDutyError(res, 404, 'Not Found', 2100);
      const sources: { id: string }[] = req.body.source_incidents;
      const missing = sources.find(source => !this.incidents.has(source.id));
      if (missing) {
        return pagerDutyError(
          res,
          400,
          `Incident ${missing.id} not found`,
          2001,
        );
      }
      const at = new Date().toISOString();
      for (const source of sources) this.merge(target.id, source.id, at);
      this.writes.push({
        method: 'PUT',
        path: req.path,
        from: req.header('from') ?? '',
        body: req.body,
      });
      return res.json({
        incident: {
          id: target.id,
          type: 'incident_reference',
          summary: target.title,
          self: `${this.baseUrl}/incidents/${target.id}`,
          html_url: `${this.baseUrl}/incidents/${target.id}`,
        },
      });
    });
    app.put('/incidents/:id', (req, res) => {
      const incident = this.incidents.get(req.params.id);
      if (!incident) return pagerDutyError(res, 404, 'Not Found', 2100);
      const change = req.body.incident;
      if (typeof change.priority === 'string') {
        // The document lists no 400 for this operation; 404 is how it says "no such thing".
        if (!this.priorities.includes(change.priority)) {
          return pagerDutyError(
            res,
            404,
            `Priority ${change.priority} not found`,
            2100,
          );
        }
        incident.priority = change.priority;
      }
      if (change.status === 'resolved' && incident.status !== 'resolved') {
        this.resolve(
          incident.id,
          new Date().toISOString(),
          req.header('from') ?? null,
        );
      }
      this.writes.push({
        method: 'PUT',
        path: req.path,
        from: req.header('from') ?? '',
        body: req.body,
      });
      return res.json({ incident: incidentJson(incident, this.baseUrl) });
    });
    app.post('/incidents/:id/notes', (req, res) => {
      if (!this.incidents.has(req.params.id))
        return pagerDutyError(res, 404, 'Not Found', 2100);
      const from = req.header('from') ?? '';
      const entry = this.addLogEntry(
        req.params.id,
        'annotate_log_entry',
        'Note added',
        new Date().toISOString(),
        from,
      );
      this.writes.push({
        method: 'POST',
        path: req.path,
        from,
        body: req.body,
      });
      return res.json({
        note: {
          id: `N${entry.id}`,
          content: req.body.note.content,
          created_at: entry.createdAt,
          user: {
            id: 'PUSER01',
            type: 'user_reference',
            summary: from,
            self: `${this.baseUrl}/users/PUSER01`,
            html_url: `${this.baseUrl}/users/PUSER01`,
          },
        },
      });
    });
    app.post('/status_pages/:id/posts', (req, res) => {
      if (!this.statusPages.includes(req.params.id)) {
        return pagerDutyError(res, 404, 'Status page not found', 2100);
      }
      const id = `SP${String(this.writes.length + 1).padStart(5, '0')}`;
      this.writes.push({
        method: 'POST',
        path: req.path,
        from: req.header('from') ?? '',
        body: req.body,
      });
      const self = `${this.baseUrl}/status_pages/${req.params.id}/posts/${id}`;
      return res.status(201).json({
        post: {
          id,
          type: 'status_page_post',
          self,
          post_type: req.body.post.post_type,
          title: req.body.post.title,
          starts_at: req.body.post.starts_at,
          ends_at: req.body.post.ends_at,
          status_page: { id: req.params.id, type: 'status_page' },
          updates: [
            {
              id: `${id}U1`,
              type: 'status_page_post_update',
              self: `${self}/post_updates/${id}U1`,
            },
          ],
        },
      });
    });
    app.use((error: any, req: Request, res: Response, _next: NextFunction) => {
      const status = error.status ?? 500;
      this.violations.push({
        method: req.method,
        path: req.path,
        message: `request: ${error.message}`,
      });
      pagerDutyError(res, status, error.message, 2001);
    });
  }

  private paging(req: Request) {
    const offset = Number(req.query.offset ?? 0);
    const limit = Math.min(Number(req.query.limit ?? 25), 100);
    return { offset, limit };
  }

  private listIncidents(req: Request, res: Response) {
    const { offset, limit } = this.paging(req);
    if (offset + limit > 10_000) {
      return pagerDutyError(res, 400, 'Offset must be less than 10000', 2001);
    }
    const list = (value: unknown) =>
      value === undefined ? [] : ([] as string[]).concat(value as string);
    const services = list(req.query.service_ids);
    const statuses = list(req.query.statuses);
    const since = req.query.since
      ? Date.parse(String(req.query.since))
      : Date.now() - 30 * 86_400_000;
    const until = req.query.until
      ? Date.parse(String(req.query.until))
      : Date.now();
    const matching = [...this.incidents.values()]
      .filter(i => services.length === 0 || services.includes(i.serviceId))
      .filter(i => statuses.length === 0 || statuses.includes(i.status))
      .filter(
        i =>
          Date.parse(i.createdAt) >= since && Date.parse(i.createdAt) < until,
      )
      .sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number,
      );
    return res.json({
      incidents: matching
        .slice(offset, offset + limit)
        .map(i => incidentJson(i, this.baseUrl)),
      offset,
      limit,
      more: offset + limit < matching.length,
      total: null,
    });
  }
}
