import { Entity } from '@backstage/catalog-model';

/**
 * Whether an entity's page has the Incidents tab: components (services, websites,
 * libraries), the things incidents affect.
 *
 * @public
 */
export function isIncidentsTabAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}
