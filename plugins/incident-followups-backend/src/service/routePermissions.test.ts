import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'permissions on incident writes on %p',
  databaseId => {
    it('refuses with 403 every write the policy denies, naming the permission, and changes nothing', async () => {
      const allowed = await startApiTestBackend({
        knex: await databases.init(databaseId),
      });
      const { body: incident } = await allowed.post('/incidents', {
        title: 'Checkout failing',
        severity: 'SEV-2',
        status: 'resolved',
        finalSeverity: 'SEV-2',
        startedAt: '2026-11-02T09:14:00Z',
        resolvedAt: '2026-11-02T10:00:00Z',
        entityRefs: ['component:default/checkout-api'],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
      });
      const { body: postmortem } = await allowed.post(
        `/incidents/${incident.id}/postmortem`,
        { ownerRef: 'user:default/alice' },
      );
      const { body: followups } = await allowed.get(
        `/incidents/${incident.id}/followups`,
      );
      const step = followups.items[0];

      const denied = await startApiTestBackend({
        knex: allowed.knex,
        permission: AuthorizeResult.DENY,
      });
      const attempts: [string, Promise<any>][] = [
        [
          'incident-followups.incident.update',
          denied.patch(`/incidents/${incident.id}`, {
            version: incident.version,
            title: 'Renamed',
          }),
        ],
        [
          'incident-followups.followup.update',
          denied.patch(`/followups/${step.id}`, {
            version: step.version,
            status: 'done',
          }),
        ],
        [
          'incident-followups.followup.update',
          denied.post(`/incidents/${incident.id}/followups`, {
            title: 'Alert on 5xx',
            kind: 'preparedness',
            priority: 'P1',
          }),
        ],
        [
          'incident-followups.postmortem.edit',
          denied.patch(`/postmortems/${postmortem.id}`, {
            version: postmortem.version,
            content: { overview: 'Overwritten' },
          }),
        ],
        [
          'incident-followups.postmortem.transition',
          denied.post(`/postmortems/${postmortem.id}/transitions`, {
            version: postmortem.version,
            to: 'in-review',
          }),
        ],
      ];
      // A missing incident is a 404, not a refusal.
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(
        (
          await denied.patch(`/incidents/${missing}`, {
            version: 1,
            title: 'x',
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await denied.post(`/incidents/${missing}/postmortem`, {
            ownerRef: 'user:default/alice',
          })
        ).status,
      ).toBe(404);
      for (const [permission, attempt] of attempts) {
        const res = await attempt;
        expect([permission, res.status]).toEqual([permission, 403]);
        expect(res.body.error.message).toContain(permission);
      }

      // This policy refuses reading too; a reader sees that nothing changed.
      const after = await allowed.get(`/incidents/${incident.id}`);
      expect(after.body).toMatchObject({
        title: 'Checkout failing',
        version: incident.version,
      });
      const pmAfter = await allowed.get(`/postmortems/${postmortem.id}`);
      expect(pmAfter.body).toMatchObject({
        status: 'draft',
        version: postmortem.version,
      });
      expect(pmAfter.body.content.overview).toBe('');
      const followupsAfter = await allowed.get(
        `/incidents/${incident.id}/followups`,
      );
      expect(followupsAfter.body.totalCount).toBe(followups.totalCount);
      expect(followupsAfter.body.items[0].status).toBe(step.status);
    });
  },
);
