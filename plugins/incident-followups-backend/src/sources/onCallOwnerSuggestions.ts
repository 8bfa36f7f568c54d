import { sourceTitle } from '@incident-followups/plugin-incident-followups-common';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  IncidentDetail,
  OwnerSuggestion,
} from '@incident-followups/plugin-incident-followups-common';
import { IncidentSource } from '@incident-followups/plugin-incident-followups-node';
import { catalogUsersByEmail } from './catalogServiceMapping';

/**
 * The primary on-call of the incident's most affected service (its first affected
 * entity that an incident source maps), as a post-mortem owner suggestion: they
 * know the service and are around. Nothing when no source says who is on call or
 * the source cannot be asked.
 */
export function onCallOwnerSuggestions(options: {
  sources: IncidentSource[];
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): (incident: IncidentDetail) => Promise<OwnerSuggestion[]> {
  return async incident => {
    const sources = options.sources.filter(s => s.primaryOnCall);
    if (sources.length === 0) return [];
    const credentials = await options.auth.getOwnServiceCredentials();
    const { items } = await options.catalog.getEntitiesByRefs(
      { entityRefs: incident.entityRefs },
      { credentials },
    );
    for (const [index, entity] of items.entries()) {
      for (const source of sources) {
        const serviceId =
          entity?.metadata.annotations?.[source.serviceAnnotation]?.trim();
        if (!serviceId) continue;
        try {
          const onCall = await source.primaryOnCall!(serviceId);
          if (!onCall) return [];
          const [userRef] = await catalogUsersByEmail(
            options.catalog,
            [onCall.email],
            credentials,
          );
          if (!userRef) return [];
          const title = sourceTitle(source.type);
          return [
            {
              userRef,
              reason: `Primary on-call in ${title} for ${
                entity?.metadata.title ?? incident.entityRefs[index]
              }, the most affected service`,
            },
          ];
        } catch (error) {
          options.logger.warn(
            `Could not ask ${
              source.type
            } who is on call for ${serviceId}: ${stringifyError(error)}`,
          );
          return [];
        }
      }
    }
    return [];
  };
}
