/*
 * The portal's permission policy with the incident-followups plugin that applies
 * its conditions, as the permission backend chains them: the policy decides or
 * answers conditions, the plugin's apply-conditions endpoint evaluates them on a
 * stored meeting.
 */
import { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import incidentFollowupsPlugin from '@incident-followups/plugin-incident-followups-backend';
import request from 'supertest';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  followupUpdatePermission,
  incidentUpdatePermission,
  postmortemEditPermission,
  postmortemTransitionPermission,
  processReviewCreatePermission,
  processReviewDecideJoinPermission,
  processReviewEditPermission,
} from '@incident-followups/plugin-incident-followups-common';
import { IncidentFollowupsPermissionPolicy } from './permissionPolicy';

jest.setTimeout(60_000);

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const policy = new IncidentFollowupsPermissionPolicy({
  incidentCommanderGroups: [],
});
const userOf = (name: string): PolicyQueryUser =>
  ({
    info: {
      userEntityRef: `user:default/${name}`,
      ownershipEntityRefs: [`user:default/${name}`],
    },
  } as PolicyQueryUser);

describe('the portal permission policy for process reviews', () => {
  it('lets the right people decide join requests, write decisions, change incidents and move post-mortems', async () => {
    const { server } = await startTestBackend({
      features: [
        incidentFollowupsPlugin,
        catalogServiceMock.factory({
          entities: [
            entity('Group', 'payments', { type: 'team', children: [] }),
            entity('Component', 'checkout-api', {
              type: 'service',
              lifecycle: 'production',
              owner: 'payments',
            }),
            ...['dave', 'alice', 'bob', 'carol', 'frank'].map(name =>
              entity('User', name, { memberOf: [] }),
            ),
          ],
        }) as ServiceFactory,
      ],
    });
    const post = (path: string, user: string, body: object) =>
      request(server)
        .post(`/api/incident-followups${path}`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .send(body);

    const now = Date.now();
    const incident = await post('/incidents', 'dave', {
      title: 'Checkout failing',
      severity: 'SEV-2',
      status: 'resolved',
      finalSeverity: 'SEV-2',
      startedAt: new Date(now - 2 * 86_400_000).toISOString(),
      resolvedAt: new Date(now - 86_400_000).toISOString(),
      entityRefs: ['component:default/checkout-api'],
      responders: [
        { role: 'incident-commander', userRef: 'user:default/dave' },
      ],
    });
    expect(incident.status).toBe(201);
    // Carol organises; Dave led the period's incident; Alice is approved to join.
    const review = await post('/process-reviews', 'carol', {
      scheduledFor: new Date(now + 7 * 86_400_000).toISOString(),
      periodSince: new Date(now - 7 * 86_400_000).toISOString(),
    });
    const id = review.body.id;
    const asked = await post(
      `/process-reviews/${id}/join-requests`,
      'alice',
      {},
    );
    await post(
      `/process-reviews/${id}/join-requests/${asked.body.id}`,
      'dave',
      {
        decision: 'approve',
      },
    );

    /** What the permission backend would do: ask the policy, then the plugin to apply its conditions. */
    async function allowed(
      permission: ResourcePermission,
      user: string | PolicyQueryUser,
      resourceRef: string = id,
    ): Promise<boolean> {
      const decision = await policy.handle(
        { permission },
        typeof user === 'string' ? userOf(user) : user,
      );
      if (decision.result !== AuthorizeResult.CONDITIONAL) {
        return decision.result === AuthorizeResult.ALLOW;
      }
      const applied = await request(server)
        .post(
          '/api/incident-followups/.well-known/backstage/permissions/apply-conditions',
        )
        .set('Authorization', mockCredentials.service.header())
        .send({
          items: [
            {
              id: '1',
              resourceRef,
              resourceType: decision.resourceType,
              conditions: decision.conditions,
            },
          ],
        });
      expect(applied.status).toBe(200);
      return applied.body.items[0].result === AuthorizeResult.ALLOW;
    }

    const decide = processReviewDecideJoinPermission;
    expect(await allowed(decide, 'dave')).toBe(true);
    expect(await allowed(decide, 'carol')).toBe(true);
    expect(await allowed(decide, 'alice')).toBe(false);
    expect(await allowed(decide, 'bob')).toBe(false);

    const edit = processReviewEditPermission;
    expect(await allowed(edit, 'dave')).toBe(true);
    expect(await allowed(edit, 'carol')).toBe(true);
    expect(await allowed(edit, 'alice')).toBe(true);
    expect(await allowed(edit, 'bob')).toBe(false);

    expect(
      (
        await policy.handle(
          { permission: processReviewCreatePermission },
          userOf('bob'),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);

    // Incidents: Carol recorded one that Dave leads with Bob as scribe; Alice
    // owns its post-mortem; Frank is in Payments, which owns the service.
    const recorded = await post('/incidents', 'carol', {
      title: 'Refunds stuck',
      severity: 'SEV-2',
      startedAt: new Date(now - 3_600_000).toISOString(),
      entityRefs: ['component:default/checkout-api'],
      responders: [
        { role: 'incident-commander', userRef: 'user:default/dave' },
        { role: 'scribe', userRef: 'user:default/bob' },
      ],
    });
    expect(recorded.status).toBe(201);
    await post(`/incidents/${recorded.body.id}/postmortem`, 'carol', {
      ownerRef: 'user:default/alice',
    });
    const frank = {
      info: {
        userEntityRef: 'user:default/frank',
        ownershipEntityRefs: ['user:default/frank', 'group:default/payments'],
      },
    } as PolicyQueryUser;
    const incidentId = recorded.body.id;
    for (const user of ['carol', 'dave', 'bob', 'alice', frank]) {
      expect(await allowed(incidentUpdatePermission, user, incidentId)).toBe(
        true,
      );
      expect(await allowed(postmortemEditPermission, user, incidentId)).toBe(
        true,
      );
    }
    expect(await allowed(followupUpdatePermission, 'eve', incidentId)).toBe(
      false,
    );
    expect(await allowed(incidentUpdatePermission, 'eve', incidentId)).toBe(
      false,
    );
    const transition = postmortemTransitionPermission;
    expect(await allowed(transition, 'dave', incidentId)).toBe(true);
    expect(await allowed(transition, 'alice', incidentId)).toBe(true);
    expect(await allowed(transition, 'bob', incidentId)).toBe(false);
    expect(await allowed(transition, frank, incidentId)).toBe(false);
  });

  it('lets the incident commanders schedule process reviews, once the company names them', async () => {
    const withRota = new IncidentFollowupsPermissionPolicy({
      incidentCommanderGroups: ['group:default/incident-commanders'],
    });
    const create = { permission: processReviewCreatePermission };
    const ic = {
      info: {
        userEntityRef: 'user:default/dave',
        ownershipEntityRefs: [
          'user:default/dave',
          'group:default/incident-commanders',
        ],
      },
    } as PolicyQueryUser;
    expect((await withRota.handle(create, ic)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await withRota.handle(create, userOf('bob'))).result).toBe(
      AuthorizeResult.DENY,
    );
  });
});
