import { Entity } from '@backstage/catalog-model';

/** The service of {@link checkoutCatalog}. @public */
export const CHECKOUT_SERVICE_REF = 'component:default/checkout-api';

/**
 * A catalog of the service component:default/checkout-api, which the team
 * group:default/payments owns, and of one member of that team, whose email is
 * name\@example.com.
 *
 * @public
 */
export function checkoutCatalog(options: {
  /** The annotations that tie the service to the module's system. */
  serviceAnnotations: Record<string, string>;
  member: { name: string; annotations?: Record<string, string> };
}): Entity[] {
  const { name, annotations } = options.member;
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout-api',
        namespace: 'default',
        annotations: options.serviceAnnotations,
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name,
        namespace: 'default',
        ...(annotations && { annotations }),
      },
      spec: {
        memberOf: ['payments'],
        profile: { email: `${name}@example.com` },
      },
    },
  ];
}
