import { z } from 'zod';
import { PagerDutyApiError } from './PagerDutyApiError';
import {
  errorAnswerSchema,
  incidentAnswerSchema,
  incidentPageSchema,
  logEntryPageSchema,
  mergeAnswerSchema,
  noteAnswerSchema,
  onCallPageSchema,
  serviceAnswerSchema,
  statusPagePostAnswerSchema,
  userAnswerSchema,
} from './pagerDutySchemas';

type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface PagerDutyClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Tries per request, the first included; default 5. */
  maxAttempts?: number;
  /** Wait before the first retry of a 5xx or timeout; doubled each time. */
  backoffMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_RETRY_WAIT_MS = 60_000;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Seconds (or an HTTP date) in Retry-After, as milliseconds to wait. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * PagerDuty's REST API v2, the calls the module needs. Rate limits (429) are
 * waited out as `Retry-After` says; 5xx answers, network errors and timeouts are
 * retried with exponential back-off; other refusals fail at once with PagerDuty's
 * message.
 */
export class PagerDutyClient {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly sleep: NonNullable<PagerDutyClientOptions['sleep']>;

  constructor(private readonly options: PagerDutyClientOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 1000;
    this.sleep = options.sleep ?? defaultSleep;
  }

  listIncidents(
    query: {
      serviceIds: string[];
      since: string;
      until: string;
      offset: number;
      limit: number;
    },
    signal?: AbortSignal,
  ) {
    return this.request(
      'GET',
      '/incidents',
      {
        'service_ids[]': query.serviceIds,
        since: query.since,
        until: query.until,
        'statuses[]': ['triggered', 'acknowledged', 'resolved'],
        sort_by: 'created_at:asc',
        'include[]': ['assignees', 'acknowledgers'],
        time_zone: 'UTC',
        offset: query.offset,
        limit: query.limit,
      },
      incidentPageSchema,
      signal,
    );
  }

  /** One incident; undefined when PagerDuty has none with that id. */
  async getIncident(id: string, signal?: AbortSignal) {
    try {
      const answer = await this.request(
        'GET',
        `/incidents/${encodeURIComponent(id)}`,
        { 'include[]': ['assignees', 'acknowledgers'] },
        incidentAnswerSchema,
        signal,
      );
      return answer.incident;
    } catch (error) {
      if (error instanceof PagerDutyApiError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async getService(id: string) {
    return (
      await this.request(
        'GET',
        `/services/${encodeURIComponent(id)}`,
        {},
        serviceAnswerSchema,
      )
    ).service;
  }

  /** Who is on call now for an escalation policy, one entry per level. */
  async listOnCalls(escalationPolicyId: string) {
    return (
      await this.request(
        'GET',
        '/oncalls',
        {
          'escalation_policy_ids[]': [escalationPolicyId],
          earliest: true,
          time_zone: 'UTC',
          limit: 100,
          offset: 0,
        },
        onCallPageSchema,
      )
    ).oncalls;
  }

  async getUser(id: string) {
    return (
      await this.request(
        'GET',
        `/users/${encodeURIComponent(id)}`,
        {},
        userAnswerSchema,
      )
    ).user;
  }

  listLogEntries(
    incidentId: string,
    query: { offset: number; limit: number },
    signal?: AbortSignal,
  ) {
    return this.request(
      'GET',
      `/incidents/${encodeURIComponent(incidentId)}/log_entries`,
      { time_zone: 'UTC', offset: query.offset, limit: query.limit },
      logEntryPageSchema,
      signal,
    );
  }

  /** Merges incidents into the target one, which PagerDuty then resolves. */
  mergeIncidents(targetId: string, sourceIds: string[], from: string) {
    return this.request(
      'PUT',
      `/incidents/${encodeURIComponent(targetId)}/merge`,
      {},
      mergeAnswerSchema,
      undefined,
      {
        from,
        body: {
          source_incidents: sourceIds.map(id => ({
            id,
            type: 'incident_reference',
          })),
        },
      },
    );
  }

  /** Sets the priority (by its name) and resolves. */
  resolveIncident(id: string, priorityName: string | null, from: string) {
    return this.request(
      'PUT',
      `/incidents/${encodeURIComponent(id)}`,
      {},
      incidentAnswerSchema,
      undefined,
      {
        from,
        body: {
          incident: {
            type: 'incident_reference',
            status: 'resolved',
            ...(priorityName ? { priority: priorityName } : {}),
          },
        },
      },
    );
  }

  addNote(id: string, content: string, from: string) {
    return this.request(
      'POST',
      `/incidents/${encodeURIComponent(id)}/notes`,
      {},
      noteAnswerSchema,
      undefined,
      { from, body: { note: { content } } },
    );
  }

  /** Posts an incident post, with one update carrying the message, to a status page. */
  postToStatusPage(
    statusPageId: string,
    post: {
      title: string;
      message: string;
      statusId: string;
      severityId: string;
    },
  ) {
    return this.request(
      'POST',
      `/status_pages/${encodeURIComponent(statusPageId)}/posts`,
      {},
      statusPagePostAnswerSchema,
      undefined,
      {
        body: {
          post: {
            type: 'status_page_post',
            title: post.title.slice(0, 128),
            post_type: 'incident',
            // Only maintenance posts have a time frame.
            starts_at: null,
            ends_at: null,
            status_page: { id: statusPageId, type: 'status_page' },
            updates: [
              {
                type: 'status_page_post_update',
                message: post.message,
                status: { id: post.statusId, type: 'status_page_status' },
                severity: { id: post.severityId, type: 'status_page_severity' },
                impacted_services: [],
                update_frequency_ms: null,
                notify_subscribers: true,
              },
            ],
          },
        },
      },
    );
  }

  private async request<T>(
    method: string,
    path: string,
    query: Query,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    signal?: AbortSignal,
    write?: { from?: string; body: unknown },
  ): Promise<T> {
    const url = `${this.options.baseUrl}${path}${queryString(query)}`;
    for (let attempt = 1; ; attempt++) {
      let failure: PagerDutyApiError;
      let waitMs = this.backoffMs * 2 ** (attempt - 1);
      try {
        const response = await fetch(url, {
          method,
          headers: {
            Accept: 'application/vnd.pagerduty+json;version=2',
            Authorization: `Token token=${this.options.token}`,
            'Content-Type': 'application/json',
            ...(write?.from ? { From: write.from } : {}),
          },
          ...(write ? { body: JSON.stringify(write.body) } : {}),
          signal: signal
            ? AbortSignal.any([
                signal,
                AbortSignal.timeout(this.options.timeoutMs),
              ])
            : AbortSignal.timeout(this.options.timeoutMs),
        });
        if (response.ok) {
          return this.parse(schema, await response.json(), method, path);
        }
        failure = await this.failure(response, method, path, !!write);
        if (response.status === 429) {
          waitMs = retryAfterMs(response.headers.get('retry-after')) ?? waitMs;
        }
      } catch (error) {
        if (error instanceof PagerDutyApiError) throw error;
        if (signal?.aborted) throw error;
        const reason =
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${this.options.timeoutMs} ms`
            : (error as Error).message;
        // A write that got no answer may have happened: trying it again could do it twice.
        failure = new PagerDutyApiError(
          `PagerDuty ${method} ${path} failed: ${reason}`,
          undefined,
          !write,
        );
      }
      if (!failure.retryable || attempt >= this.maxAttempts) throw failure;
      await this.sleep(Math.min(waitMs, MAX_RETRY_WAIT_MS), signal);
    }
  }

  private parse<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    body: unknown,
    method: string,
    path: string,
  ): T {
    const result = schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new PagerDutyApiError(
        `PagerDuty ${method} ${path} answered in an unexpected shape: ${issue.path.join(
          '.',
        )}: ${issue.message}`,
        undefined,
        false,
      );
    }
    return result.data;
  }

  private async failure(
    response: Response,
    method: string,
    path: string,
    write: boolean,
  ): Promise<PagerDutyApiError> {
    const text = await response.text().catch(() => '');
    let detail = text.slice(0, 300);
    try {
      const parsed = errorAnswerSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        detail = [
          parsed.data.error.message,
          ...(parsed.data.error.errors ?? []),
        ]
          .filter(Boolean)
          .join(': ');
      }
    } catch {
      // Not JSON: the text itself says what went wrong.
    }
    // A rate-limited request was not carried out; a failed write may have been.
    const retryable =
      response.status === 429 || (!write && response.status >= 500);
    return new PagerDutyApiError(
      `PagerDuty ${method} ${path} answered ${response.status}${
        detail ? `: ${detail}` : ''
      }`,
      response.status,
      retryable,
    );
  }
}
