import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { catalogUserInfo } from '@incident-followups/plugin-incident-followups-node/testUtils';
import { demoCatalog } from '../__testUtils__/demoCatalog';
import { CatalogOwnershipResolver } from '../catalog/CatalogOwnershipResolver';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { FollowupService } from '../followups/FollowupService';
import { readFollowupsConfig } from '../followups/readFollowupsConfig';
import { IncidentService } from '../service/IncidentService';
import { NotAllowedError } from '@backstage/errors';
import { actorRef } from '../service/actorRef';
import { registerFollowupActions } from './registerFollowupActions';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('followup actions', () => {
  it('lists, completes and adds followups for assistants, as the calling user', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const ownership = new CatalogOwnershipResolver(
      catalogServiceMock({ entities: demoCatalog() }),
      1000,
    );
    const followups = new FollowupService({
      followups: new DatabaseFollowupStore(knex),
      incidents: store,
      ownership,
      userInfo: catalogUserInfo(demoCatalog()),
      config: readFollowupsConfig(new ConfigReader({})),
    });
    const incidents = new IncidentService({
      store,
      ownership,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      onResolved: actor => followups.roleFollowupsOnResolution(actor),
    });
    const dave = mockCredentials.user('user:default/dave');
    const incident = await incidents.createIncident(
      createIncidentRequestSchema.parse({
        title: 'Checkout failing',
        severity: 'SEV-2',
        finalSeverity: 'SEV-2',
        status: 'resolved',
        startedAt: '2026-11-02T09:14:00Z',
        resolvedAt: '2026-11-02T10:14:00Z',
        entityRefs: ['component:default/checkout-api'],
        responders: [{ role: 'scribe', userRef: 'user:default/bob' }],
      }),
      dave,
    );

    const registry = actionsRegistryServiceMock();
    // The policy of this test: Eve may not change followups, everyone else may.
    const asked: string[] = [];
    registerFollowupActions(
      registry,
      followups,
      async (credentials, permission, resourceRef) => {
        asked.push(`${permission.name} ${resourceRef}`);
        if (actorRef(credentials) === 'user:default/eve') {
          throw new NotAllowedError(`You may not do this (${permission.name})`);
        }
      },
      // Everyone reads every incident here; filtering is tested with the API.
      {
        filter: async () => ({ kind: 'all' }),
        check: async () => {},
      },
    );

    const bob = await registry.invoke({
      id: 'test:list-open-followups',
      input: { userRef: 'user:default/bob' },
      credentials: dave,
    });
    const bobs = (bob.output as any).followups;
    expect(bobs).toHaveLength(3);
    expect(bobs[0]).toMatchObject({
      incident: 'Checkout failing',
      ownerRef: 'user:default/bob',
    });

    const team = await registry.invoke({
      id: 'test:list-open-followups',
      input: { teamRef: 'group:default/commerce' },
      credentials: dave,
    });
    expect((team.output as any).followups.length).toBeGreaterThan(3);

    const done = await registry.invoke({
      id: 'test:mark-followup-done',
      input: { followupId: bobs[0].id },
      credentials: mockCredentials.user('user:default/bob'),
    });
    expect(done.output).toEqual({ id: bobs[0].id, status: 'done' });
    expect(asked).toEqual([
      `incident-followups.followup.update ${incident.id}`,
    ]);
    await expect(
      registry.invoke({
        id: 'test:mark-followup-done',
        input: { followupId: bobs[1].id },
        credentials: mockCredentials.user('user:default/eve'),
      }),
    ).rejects.toThrow('incident-followups.followup.update');
    expect((await followups.get(bobs[1].id)).status).toBe('open');
    expect((await followups.get(bobs[0].id)).completedBy).toBe(
      'user:default/bob',
    );

    const added = await registry.invoke({
      id: 'test:add-action-item',
      input: {
        incidentId: incident.id,
        title: 'Alert on 5xx',
        kind: 'preparedness',
        priority: 'P1',
      },
      credentials: dave,
    });
    expect(added.output).toMatchObject({ ownerRef: 'group:default/payments' });

    await expect(
      registry.invoke({
        id: 'test:add-action-item',
        input: {
          incidentId: incident.id,
          title: 'x',
          kind: 'process',
          priority: 'P1',
          ownerRef: 'user:default/ghost',
        },
        credentials: dave,
      }),
    ).rejects.toThrow("ownerRef: 'user:default/ghost' is not in the catalog");
  });
});
