import { sourceTitle } from '@incident-followups/plugin-incident-followups-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  hasExternalMessage,
  IncidentDetail,
  Postmortem,
  SourceAction,
} from '@incident-followups/plugin-incident-followups-common';
import {
  IncidentSource,
  SourceIncidentWriteBack,
} from '@incident-followups/plugin-incident-followups-node';
import { CatalogOwnershipResolver } from '../catalog/CatalogOwnershipResolver';
import { PostmortemService } from '../postmortems/PostmortemService';
import { actorRef } from '../service/actorRef';
import { IncidentService } from '../service/IncidentService';
import { SourceSyncStore } from './SourceSyncStore';

/**
 * The incident commander's steps in the incident's source (PagerDuty), carried out
 * as the user who clicks. What succeeds is recorded in the incident's history;
 * resolving there resolves the portal's incident too, which ticks the checklist
 * step. A refusal answers 503 with the source's message, and can be tried again.
 */
export class SourceWriteBackService {
  constructor(
    private readonly options: {
      sources: IncidentSource[];
      incidents: IncidentService;
      postmortems: PostmortemService;
      ownership: CatalogOwnershipResolver;
      store: SourceSyncStore;
      appBaseUrl: string;
    },
  ) {}

  async perform(
    incidentId: string,
    action: SourceAction,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    const incident = await this.options.incidents.getIncident(incidentId);
    const { writeBack, externalId, title } = this.writableSource(incident);
    const from = await this.fromAddress(writeBack, credentials, title);
    const actor = actorRef(credentials);
    const attempt = async (write: () => Promise<void>) => {
      try {
        await write();
      } catch (error) {
        throw new ServiceUnavailableError(
          `${title} did not take the change: ${(error as Error).message}`,
        );
      }
    };

    if (action === 'merge-related') {
      const others = incident.relatedIncidents
        .filter(r => r.source.type === incident.source.type)
        .map(r => r.source.externalId)
        .filter((id): id is string => Boolean(id));
      if (others.length === 0) {
        throw new ConflictError(
          `Incident ${incidentId} has no related incidents from ${title} to merge`,
        );
      }
      await attempt(() =>
        writeBack.mergeIncidents(externalId, others, { from }),
      );
      await this.options.store.recordAction(incidentId, actor, {
        action,
        merged: others,
      });
    } else if (action === 'resolve') {
      if (!incident.finalSeverity) {
        throw new InputError(
          `finalSeverity: set the final severity of incident ${incidentId} before resolving it in ${title}`,
        );
      }
      const finalSeverity = incident.finalSeverity;
      await attempt(() =>
        writeBack.resolveIncident(externalId, { finalSeverity, from }),
      );
      await this.options.store.recordAction(incidentId, actor, {
        action,
        finalSeverity,
      });
      if (incident.status !== 'resolved') {
        await this.options.incidents.updateIncident(
          incidentId,
          { version: incident.version, status: 'resolved' },
          credentials,
        );
      }
    } else {
      await this.options.postmortems.getForIncident(incidentId);
      const url = `${this.options.appBaseUrl}/incident-followups/incidents/${incidentId}/postmortem`;
      await attempt(() =>
        writeBack.addNote(externalId, `Post-mortem: ${url}`, { from }),
      );
      await this.options.store.recordAction(incidentId, actor, { action, url });
    }
    return this.options.incidents.getIncident(incidentId);
  }

  /**
   * The customer liaison's step: the post-mortem's external message goes to the
   * source's status page, which records the post and ticks the step.
   */
  async postToStatusPage(
    postmortemId: string,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const postmortem = await this.options.postmortems.get(postmortemId);
    const incident = await this.options.incidents.getIncident(
      postmortem.incidentId,
    );
    const { writeBack, title } = this.writableSource(incident);
    if (!writeBack.postToStatusPage) {
      throw new ConflictError(
        `No ${title} status page is configured to post to`,
      );
    }
    if (!hasExternalMessage(postmortem.content)) {
      throw new ConflictError(
        'The post-mortem has no external message to post yet; write it first',
      );
    }
    const { summary, whatHappened, whatWeAreDoing } =
      postmortem.content.externalMessage;
    const message = [summary, whatHappened, whatWeAreDoing]
      .map(part => part.trim())
      .filter(Boolean)
      .join('\n\n');
    let url: string | null = null;
    try {
      ({ url } = await writeBack.postToStatusPage({
        title: incident.title,
        message,
      }));
    } catch (error) {
      throw new ServiceUnavailableError(
        `${title} did not take the post: ${(error as Error).message}`,
      );
    }
    return this.options.postmortems.markStatusPagePosted(
      postmortemId,
      url,
      credentials,
    );
  }

  private writableSource(incident: IncidentDetail): {
    writeBack: SourceIncidentWriteBack;
    externalId: string;
    title: string;
  } {
    const source = this.options.sources.find(
      s => s.type === incident.source.type,
    );
    const title = sourceTitle(incident.source.type);
    if (!source?.writeBack || !incident.source.externalId) {
      throw new ConflictError(
        `Incident ${incident.id} did not come from an incident source the portal can update`,
      );
    }
    return {
      writeBack: source.writeBack,
      externalId: incident.source.externalId,
      title,
    };
  }

  private async fromAddress(
    writeBack: SourceIncidentWriteBack,
    credentials: BackstageCredentials,
    title: string,
  ): Promise<string> {
    const userRef = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    const emails = userRef
      ? await this.options.ownership.emailsOf([userRef], credentials)
      : new Map<string, string>();
    const from = (userRef && emails.get(userRef)) || writeBack.defaultFrom;
    if (!from) {
      throw new InputError(
        `${title} needs the e-mail address of whoever makes the change: ${
          userRef ?? 'the caller'
        } has none in the catalog and no default is configured`,
      );
    }
    return from;
  }
}
