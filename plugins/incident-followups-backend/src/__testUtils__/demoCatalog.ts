import { Entity } from '@backstage/catalog-model';

/** Who is in which team, as the catalog's relations say (a mock catalog computes none). */
const MEMBERS: Record<string, string[]> = {
  payments: ['alice'],
  sre: ['bob', 'alice'],
};

/** Child groups, as the catalog's parentOf relations say. */
const CHILDREN: Record<string, string[]> = {
  engineering: ['commerce', 'platform'],
  commerce: ['payments'],
  platform: ['sre'],
};

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: [
      ...(MEMBERS[name] ?? []).map(member => ({
        type: 'hasMember',
        targetRef: `user:default/${member}`,
      })),
      ...(CHILDREN[name] ?? []).map(child => ({
        type: 'parentOf',
        targetRef: `group:default/${child}`,
      })),
    ],
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
  const teams = Object.keys(MEMBERS).filter(team =>
    MEMBERS[team].includes(name),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: teams, profile: { email: `${name}@example.com` } },
    relations: teams.map(team => ({
      type: 'memberOf',
      targetRef: `group:default/${team}`,
    })),
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
    {
      ...group('payments', 'commerce'),
      metadata: {
        name: 'payments',
        namespace: 'default',
        annotations: { 'incident-followups/engineering-manager': 'erin' },
      },
    },
    group('sre', 'group:default/platform'),
    component('checkout-api', 'payments', 'payments-platform'),
    component('payment-gateway', 'group:default/payments', 'payments-platform'),
    component('alerting-pipeline', 'sre'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'payments-platform',
        namespace: 'default',
        annotations: {
          'incident-followups/product-manager': 'user:default/frank',
        },
      },
      spec: { owner: 'commerce' },
    },
    user('alice'),
    user('dave'),
    user('bob'),
    user('carol'),
    user('erin'),
    user('frank'),
    group('leadership'),
  ];
}
