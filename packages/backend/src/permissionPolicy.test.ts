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
  it('lets the period incident commander and the organiser decide join requests, and only attendees write decisions', async () => {
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
            ...['dave', 'alice', 'bob', 'carol'].map(name =>
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
      user: string,
    ): Promise<boolean> {
      const decision = await policy.handle({ permission }, userOf(user));
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
              resourceRef: id,
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
