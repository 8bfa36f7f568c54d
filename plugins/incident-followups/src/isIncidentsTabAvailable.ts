import { Entity } from '@backstage/catalog-model';

/**
 * Whether an entity's page has the Incidents tab: components (services, websites,
 * libraries), the things incidents affect, and systems, which show their
 * components' incidents.
 *
 * @public
 */
export function isIncidentsTabAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLowerCase();
  return kind === 'component' || kind === 'system';
}
