import { Severity } from '@incident-followups/plugin-incident-followups-common';
import {
  IncidentSource,
  SourceIncidentWriteBack,
  SourceIncident,
  SourceIncidentEvent,
  SourceIncidentQuery,
} from '@incident-followups/plugin-incident-followups-node';
import { PagerDutyClient } from '../client/PagerDutyClient';
import { PagerDutyConfig } from '../config/readPagerDutyConfig';
import { toSourceEvents, toSourceIncident } from './toSourceIncident';

const PAGE_SIZE = 100;
/** PagerDuty's classic pagination stops at offset + limit = 10000. */
const MAX_OFFSET = 10_000;

/** PagerDuty as an incident source of incident-followups. */
export class PagerDutyIncidentSource implements IncidentSource {
  readonly type = 'pagerduty';
  readonly serviceAnnotation = 'pagerduty.com/service-id';
  readonly schedule: IncidentSource['schedule'];
  readonly initialLookbackDays: number;

  constructor(
    private readonly client: PagerDutyClient,
    private readonly config: Pick<
      PagerDutyConfig,
      | 'schedule'
      | 'initialLookbackDays'
      | 'prioritySeverities'
      | 'defaultSeverity'
      | 'fromEmail'
      | 'statusPage'
    >,
  ) {
    this.schedule = config.schedule;
    this.initialLookbackDays = config.initialLookbackDays;
    this.writeBack = {
      defaultFrom: config.fromEmail,
      mergeIncidents: async (primary, others, { from }) => {
        await client.mergeIncidents(primary, others, from);
      },
      resolveIncident: async (id, { finalSeverity, from }) => {
        await client.resolveIncident(id, this.priorityOf(finalSeverity), from);
      },
      addNote: async (id, content, { from }) => {
        await client.addNote(id, content, from);
      },
    };
    const statusPage = config.statusPage;
    if (statusPage) {
      this.writeBack.postToStatusPage = async ({ title, message }) => {
        const { post } = await client.postToStatusPage(statusPage.id, {
          title,
          message,
          statusId: statusPage.statusId,
          severityId: statusPage.severityId,
        });
        return { url: post.self ?? null };
      };
    }
  }

  readonly writeBack: SourceIncidentWriteBack;

  /** The first priority whose severity is this one; none leaves the priority as it is. */
  private priorityOf(severity: Severity): string | null {
    return (
      Object.entries(this.config.prioritySeverities).find(
        ([, mapped]) => mapped === severity,
      )?.[0] ?? null
    );
  }

  /**
   * Pages through the window oldest first. Past PagerDuty's offset limit the window
   * restarts at the last creation time seen; the repeats are harmless because the
   * sync stores by id.
   */
  async *listIncidents(
    query: SourceIncidentQuery,
  ): AsyncIterable<SourceIncident[]> {
    let since = query.since;
    let offset = 0;
    for (;;) {
      const page = await this.client.listIncidents(
        {
          serviceIds: query.serviceIds,
          since,
          until: query.until,
          offset,
          limit: PAGE_SIZE,
        },
        query.signal,
      );
      yield page.incidents.map(i => toSourceIncident(i, this.config));
      if (!page.more || page.incidents.length === 0) return;
      offset += page.incidents.length;
      if (offset + PAGE_SIZE > MAX_OFFSET) {
        const last = page.incidents[page.incidents.length - 1].created_at;
        if (new Date(last).toISOString() === new Date(since).toISOString()) {
          throw new Error(
            `More than ${MAX_OFFSET} PagerDuty incidents were created at ${last}; they cannot be paged through`,
          );
        }
        since = last;
        offset = 0;
      }
    }
  }

  async primaryOnCall(serviceId: string) {
    const service = await this.client.getService(serviceId);
    const onCalls = await this.client.listOnCalls(service.escalation_policy.id);
    const first = onCalls
      .filter(onCall => onCall.user)
      .sort(
        (a, b) =>
          (a.escalation_level ?? Infinity) - (b.escalation_level ?? Infinity),
      )[0];
    if (!first?.user) return undefined;
    const user = await this.client.getUser(first.user.id);
    return { email: user.email };
  }

  async getIncident(
    externalId: string,
    options?: { signal?: AbortSignal },
  ): Promise<SourceIncident | undefined> {
    const incident = await this.client.getIncident(externalId, options?.signal);
    return incident && toSourceIncident(incident, this.config);
  }

  async listEvents(
    externalId: string,
    options?: { signal?: AbortSignal },
  ): Promise<SourceIncidentEvent[]> {
    const entries = [];
    for (let offset = 0; ; ) {
      const page = await this.client.listLogEntries(
        externalId,
        { offset, limit: PAGE_SIZE },
        options?.signal,
      );
      entries.push(...page.log_entries);
      if (!page.more || page.log_entries.length === 0) break;
      offset += page.log_entries.length;
    }
    return toSourceEvents(entries);
  }
}
