import { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import searchPlugin from '@backstage/plugin-search-backend';
// The collator is tested against the real backend plugin it reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import incidentFollowupsPlugin from '@incident-followups/plugin-incident-followups-backend';
import { startIncidentFollowupsTestBackend } from '@incident-followups/plugin-incident-followups-node/testUtils';
import { searchModuleIncidentFollowupsCollator } from './module';
import { PostmortemCollatorFactory } from './PostmortemCollatorFactory';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  INCIDENT_RESOURCE_TYPE,
  incidentReadPermission,
} from '@incident-followups/plugin-incident-followups-common';

jest.setTimeout(60_000);

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const catalog = [
  entity('Group', 'payments', { type: 'team', children: [] }),
  entity('Component', 'checkout-api', {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments',
  }),
  entity('Component', 'search-api', {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments',
  }),
  entity('User', 'dave', { memberOf: [] }),
  entity('User', 'alice', { memberOf: ['payments'] }),
];

async function startPortal(
  options: {
    /** The permission service the portal runs with; the test backend's default allows. */
    permissions?: ServiceFactory;
  } = {},
) {
  const { server, scheduler, callAs } = await startIncidentFollowupsTestBackend(
    {
      features: [
        incidentFollowupsPlugin,
        searchPlugin,
        searchModuleIncidentFollowupsCollator,
        ...(options.permissions ? [options.permissions] : []),
      ],
      config: {
        permission: { enabled: !!options.permissions },
        search: {
          collators: {
            incidentFollowups: {
              schedule: {
                frequency: { minutes: 10 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
      },
      entities: catalog,
    },
  );
  const call = callAs('user:default/dave', '');
  const api = {
    get: (path: string) => call('get', path),
    post: (path: string, body: object) => call('post', path, body),
    patch: (path: string, body: object) => call('patch', path, body),
  };

  async function incidentWithPostmortem(
    title: string,
    entityRef: string,
    overview: string,
  ) {
    const { body: incident } = await api.post(
      '/api/incident-followups/incidents',
      {
        title,
        severity: 'SEV-2',
        status: 'resolved',
        finalSeverity: 'SEV-2',
        startedAt: '2026-11-02T09:00:00Z',
        resolvedAt: '2026-11-02T10:30:00Z',
        entityRefs: [entityRef],
      },
    );
    const { body: postmortem } = await api.post(
      `/api/incident-followups/incidents/${incident.id}/postmortem`,
      { ownerRef: 'user:default/alice' },
    );
    const saved = await api.patch(
      `/api/incident-followups/postmortems/${postmortem.id}`,
      {
        version: postmortem.version,
        content: {
          overview,
          internalEmail: 'Leadership only: the contract penalty is 40k.',
        },
      },
    );
    expect(saved.status).toBe(200);
    return incident;
  }
  /** Runs the indexing task now, as its schedule would. */
  async function index() {
    const tasks = await scheduler.getScheduledTasks();
    const task = tasks.find(t => t.id.includes('incident_postmortem'));
    expect(task).toBeDefined();
    await scheduler.triggerTask(task!.id);
  }
  return { server, api, incidentWithPostmortem, index };
}

describe('the post-mortem search collator', () => {
  it('indexes post-mortems, so that the portal search finds them with incident, services, team, severity and date', async () => {
    const { api, incidentWithPostmortem, index } = await startPortal();
    const incident = await incidentWithPostmortem(
      'Checkout failing',
      'component:default/checkout-api',
      'Card payments **failed** for 90 minutes after a certificate expired.',
    );
    await incidentWithPostmortem(
      'Search slow',
      'component:default/search-api',
      'Queries took seconds while an index rebuilt.',
    );

    await index();
    const { body } = await api.get(
      '/api/search/query?term=certificate&types[0]=incident-postmortem',
    );
    const results = body.results;
    expect(results).toHaveLength(1);
    expect(results[0].type).toBe('incident-postmortem');
    expect(results[0].document).toEqual({
      title: 'Post-mortem: Checkout failing',
      text: 'Overview: Card payments failed for 90 minutes after a certificate expired.',
      location: `/incident-followups/incidents/${incident.id}/postmortem`,
      incidentId: incident.id,
      severity: 'SEV-2',
      status: 'draft',
      ownerRef: 'user:default/alice',
      entityRefs: ['component:default/checkout-api'],
      teamRefs: ['group:default/payments'],
      date: '2026-11-02T10:30:00.000Z',
    });

    // The internal email stays out of the index.
    const internal = await api.get(
      '/api/search/query?term=penalty&types[0]=incident-postmortem',
    );
    expect(internal.body.results).toEqual([]);
  });

  it('reads every page of post-mortems', async () => {
    const { server, incidentWithPostmortem } = await startPortal();
    for (const name of ['one', 'two', 'three']) {
      await incidentWithPostmortem(
        `Incident ${name}`,
        'component:default/checkout-api',
        `Overview ${name}`,
      );
    }
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const factory = new PostmortemCollatorFactory({
      discovery: {
        getBaseUrl: async () =>
          `http://localhost:${port}/api/incident-followups`,
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth(),
      pageSize: 2,
    });
    const titles: string[] = [];
    for await (const document of await factory.getCollator()) {
      titles.push(document.title);
    }
    expect(titles).toEqual([
      'Post-mortem: Incident one',
      'Post-mortem: Incident two',
      'Post-mortem: Incident three',
    ]);
  });

  it('shows a post-mortem only to those who may read its incident', async () => {
    let hiddenIncidentId = '';
    // The policy: a user reads an incident unless it is the hidden one; the
    // search plugin's own service reads everything, as in a real portal.
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(({ permission }) =>
          (credentials.principal as { type: string }).type === 'service' ||
          permission.name !== incidentReadPermission.name
            ? { result: AuthorizeResult.ALLOW }
            : {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'incident-followups',
                resourceType: INCIDENT_RESOURCE_TYPE,
                conditions: {
                  rule: 'IS_RESPONDER',
                  resourceType: INCIDENT_RESOURCE_TYPE,
                  params: { userRefs: ['user:default/dave'] },
                },
              },
        ) as any,
      authorize: async requests =>
        requests.map(r => ({
          result:
            'resourceRef' in r && r.resourceRef === hiddenIncidentId
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const { api, incidentWithPostmortem, index } = await startPortal({
      permissions: permissions.factory,
    });
    await incidentWithPostmortem(
      'Checkout failing',
      'component:default/checkout-api',
      'A certificate expired on the checkout gateway.',
    );
    const hidden = await incidentWithPostmortem(
      'Search slow',
      'component:default/search-api',
      'A certificate expired on the search cluster.',
    );
    hiddenIncidentId = hidden.id;
    await index();

    const { body } = await api.get(
      '/api/search/query?term=certificate&types[0]=incident-postmortem',
    );
    expect(body.results.map((r: any) => r.document.title)).toEqual([
      'Post-mortem: Checkout failing',
    ]);
  });
});
