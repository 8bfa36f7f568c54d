import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import {
  INCIDENT_RESOURCE_TYPE,
  incidentReadPermission,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import {
  ApiTestBackend,
  startApiTestBackend,
} from '../__testUtils__/startApiTestBackend';
import { resolvedIncident } from '../__testUtils__/resolvedIncident';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** The statements that count a list, as they are issued. */
function countStatements(knex: Knex) {
  const statements: string[] = [];
  knex.on('query', ({ sql }: { sql: string }) => {
    if (/^select count\(\*\) as [`"]count[`"]/i.test(sql)) {
      statements.push(sql);
    }
  });
  return statements;
}

describe.each(databases.eachSupportedId())(
  'list counts kept on %p',
  databaseId => {
    async function start(
      config: JsonObject = {},
      permissions?: Parameters<typeof startApiTestBackend>[0]['permissions'],
    ) {
      const knex = await databases.init(databaseId);
      const counts = countStatements(knex);
      const api = await startApiTestBackend({ knex, config, permissions });
      return { api, counts };
    }

    /** Each page of a list in turn, with the count statements each issued. */
    async function pages(api: ApiTestBackend, counts: string[], path: string) {
      const seen: { totalCount: number; counted: number }[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const before = counts.length;
        const res = await api.get(
          `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push({
          totalCount: res.body.totalCount,
          counted: counts.length - before,
        });
        cursor = res.body.nextCursor;
      }
      return seen;
    }

    const SERVICE_TAB =
      '/incidents?entityRef=component:default/checkout-api&limit=1';

    it("counts a service's incidents once for all its pages until they change", async () => {
      const { api, counts } = await start();
      const first = await resolvedIncident(api, {
        startedAt: '2026-11-02T09:14:00Z',
      });
      await resolvedIncident(api, { startedAt: '2026-11-03T09:14:00Z' });
      const third = await resolvedIncident(api, {
        startedAt: '2026-11-04T09:14:00Z',
      });

      expect(await pages(api, counts, SERVICE_TAB)).toEqual([
        { totalCount: 3, counted: 1 },
        { totalCount: 3, counted: 0 },
        { totalCount: 3, counted: 0 },
      ]);
      // Counted anew on request.
      const before = counts.length;
      const anew = await api.get(SERVICE_TAB).set('Cache-Control', 'no-cache');
      expect(anew.body.totalCount).toBe(3);
      expect(counts.length - before).toBe(1);

      // A write by anything else than the API: one incident grouped under another.
      await api
        .knex('incidents')
        .where({ id: first.id })
        .update({ primary_incident_id: third.id });
      expect(await pages(api, counts, SERVICE_TAB)).toEqual([
        { totalCount: 2, counted: 1 },
        { totalCount: 2, counted: 0 },
      ]);
      // Another list is another count.
      expect(
        (await pages(api, counts, `${SERVICE_TAB}&includeGrouped=true`))[0],
      ).toEqual({ totalCount: 3, counted: 1 });
      await api.stop();
    });

    it("counts a person's and a team's followups once for all their pages", async () => {
      const { api, counts } = await start();
      await resolvedIncident(api, { startedAt: '2026-11-02T09:14:00Z' });
      const mine =
        '/followups?assigneeRef=user:default/dave&status=open,in-progress&order=urgency&limit=2';
      expect(await pages(api, counts, mine)).toEqual([
        { totalCount: 6, counted: 1 },
        { totalCount: 6, counted: 0 },
        { totalCount: 6, counted: 0 },
      ]);
      const team = `/teams/${encodeURIComponent(
        'group:default/payments',
      )}/followups?limit=3`;
      const teamPages = await pages(api, counts, team);
      expect(teamPages.length).toBeGreaterThan(1);
      expect(teamPages[0].counted).toBe(1);
      expect(teamPages.slice(1).every(page => page.counted === 0)).toBe(true);
      const teamTotal = teamPages[0].totalCount;
      expect(teamPages.every(page => page.totalCount === teamTotal)).toBe(true);

      // A new incident's followups: both lists are counted again.
      await resolvedIncident(api, { startedAt: '2026-11-03T09:14:00Z' });
      expect((await pages(api, counts, mine))[0]).toEqual({
        totalCount: 12,
        counted: 1,
      });
      expect((await pages(api, counts, team))[0]).toEqual({
        totalCount: 2 * teamTotal,
        counted: 1,
      });
      await api.stop();
    });

    it("keeps each reader's count apart: a count never tells what the policy hides", async () => {
      const alice = 'user:default/alice';
      // Alice reads the incidents she responded to; everyone else reads all.
      const policy = mockServices.permissions.mock({
        authorizeConditional: async (requests, options) =>
          requests.map(({ permission }) =>
            permission.name === incidentReadPermission.name &&
            (options?.credentials.principal as { userEntityRef?: string })
              ?.userEntityRef === alice
              ? {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'incident-followups',
                  resourceType: INCIDENT_RESOURCE_TYPE,
                  conditions: {
                    rule: 'IS_RESPONDER',
                    resourceType: INCIDENT_RESOURCE_TYPE,
                    params: { userRefs: [alice] },
                  },
                }
              : { result: AuthorizeResult.ALLOW },
          ) as any,
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory;
      const { api, counts } = await start({}, policy);
      const withAlice = [
        { role: 'incident-commander', userRef: 'user:default/dave' },
        { role: 'scribe', userRef: alice },
      ];
      await resolvedIncident(api, {
        startedAt: '2026-11-02T09:14:00Z',
        responders: withAlice,
      });
      await resolvedIncident(api, { startedAt: '2026-11-03T09:14:00Z' });
      await resolvedIncident(api, {
        startedAt: '2026-11-04T09:14:00Z',
        responders: withAlice,
      });

      const first = async (userRef: string) => {
        const before = counts.length;
        const res = await api.get(SERVICE_TAB, userRef);
        expect(res.status).toBe(200);
        return {
          totalCount: res.body.totalCount,
          counted: counts.length - before,
        };
      };
      expect(await first('user:default/dave')).toEqual({
        totalCount: 3,
        counted: 1,
      });
      expect(await first(alice)).toEqual({ totalCount: 2, counted: 1 });
      expect(await first('user:default/dave')).toEqual({
        totalCount: 3,
        counted: 0,
      });
      expect(await first(alice)).toEqual({ totalCount: 2, counted: 0 });
      await api.stop();
    });

    it('counts every page with a time to live of 0', async () => {
      const { api, counts } = await start({
        incidentFollowups: { answerCache: { ttl: '0s' } },
      });
      await resolvedIncident(api, { startedAt: '2026-11-02T09:14:00Z' });
      await resolvedIncident(api, { startedAt: '2026-11-03T09:14:00Z' });
      expect(await pages(api, counts, SERVICE_TAB)).toEqual([
        { totalCount: 2, counted: 1 },
        { totalCount: 2, counted: 1 },
      ]);
      await api.stop();
    });
  },
);
