import { Entity } from '@backstage/catalog-model';

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

function component(name: string, owner: string, system?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      ...(system ? { system } : {}),
    },
  };
}

function user(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [], profile: { email: `${name}@example.com` } },
  };
}

/**
 * A small organisation for tests: Engineering > Commerce > Payments and
 * Engineering > Platform > SRE, with their services and people.
 */
export function demoCatalog(): Entity[] {
  return [
    group('engineering'),
    group('commerce', 'engineering'),
    group('platform', 'engineering'),
    group('payments', 'commerce'),
    group('sre', 'group:default/platform'),
    component('checkout-api', 'payments', 'payments-platform'),
    component('payment-gateway', 'group:default/payments', 'payments-platform'),
    component('alerting-pipeline', 'sre'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments-platform', namespace: 'default' },
      spec: { owner: 'commerce' },
    },
    user('alice'),
    user('dave'),
    user('bob'),
    user('carol'),
    group('leadership'),
  ];
}
