import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Per service id of a source, the catalog entities that carry it in their annotation. */
export async function catalogServiceMapping(
  catalog: CatalogService,
  annotation: string,
  credentials: BackstageCredentials,
): Promise<Map<string, string[]>> {
  const { items } = await catalog.getEntities(
    {
      filter: { [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  const mapping = new Map<string, string[]>();
  for (const entity of items) {
    const serviceId = entity.metadata.annotations?.[annotation]?.trim();
    if (!serviceId) continue;
    mapping.set(serviceId, [
      ...(mapping.get(serviceId) ?? []),
      stringifyEntityRef(entity),
    ]);
  }
  return mapping;
}

/** The catalog users with these e-mail addresses, as entity refs. */
export async function catalogUsersByEmail(
  catalog: CatalogService,
  emails: string[],
  credentials: BackstageCredentials,
): Promise<string[]> {
  if (emails.length === 0) return [];
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'user', 'spec.profile.email': emails },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  return items.map(entity => stringifyEntityRef(entity)).sort();
}
