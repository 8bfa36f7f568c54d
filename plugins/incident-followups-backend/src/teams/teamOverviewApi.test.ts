import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { OWNERSHIP_REFRESH_TASK } from '../catalog/ownershipRefreshTask';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** Four weeks, Monday 5 October to Sunday 1 November 2026 (UTC). */
const PERIOD = 'since=2026-10-05T00:00:00Z&until=2026-11-01T23:59:59Z';

describe.each(databases.eachSupportedId())(
  'team overview API on %p',
  databaseId => {
    async function startBackend() {
      const api = await startApiTestBackend({
        knex: await databases.init(databaseId),
        config: {
          incidentFollowups: {
            // One step per resolved incident keeps the figures countable by hand.
            checklists: {
              'incident-commander': [
                {
                  id: 'check-progress',
                  title: 'Check on the post-mortem',
                  due: { days: 2 },
                },
              ],
              deputy: [],
              scribe: [],
              'subject-matter-expert': [],
              'customer-liaison': [],
              'internal-liaison': [],
            },
          },
        },
      });
      /** A write that must succeed, answering its body. */
      const send = (method: 'post' | 'patch', path: string, body: object) =>
        api[method](path, body).then(res => {
          expect(res.status).toBeLessThan(300);
          return res.body;
        });
      return { ...api, send };
    }
    type Api = Awaited<ReturnType<typeof startBackend>>;

    async function incident(
      api: Api,
      fields: {
        title: string;
        entityRef: string;
        severity: string;
        startedAt: string;
        resolvedAt?: string;
        ic?: string;
      },
    ) {
      return api.send('post', '/incidents', {
        title: fields.title,
        severity: fields.severity,
        startedAt: fields.startedAt,
        entityRefs: [fields.entityRef],
        responders: fields.ic
          ? [{ role: 'incident-commander', userRef: fields.ic }]
          : [],
        ...(fields.resolvedAt
          ? {
              status: 'resolved',
              resolvedAt: fields.resolvedAt,
              finalSeverity: fields.severity,
            }
          : {}),
      });
    }

    /** Adds an action item, as if it had been added (and closed) on the given days. */
    async function actionItem(
      api: Api,
      incidentId: string,
      fields: {
        title: string;
        ownerRef?: string;
        dueAt: string;
        createdAt: string;
        completedAt?: string;
      },
    ) {
      const item = await api.send(
        'post',
        `/incidents/${incidentId}/followups`,
        {
          title: fields.title,
          kind: 'prevention',
          priority: 'P2',
          ownerRef: fields.ownerRef,
          dueAt: fields.dueAt,
        },
      );
      await api
        .knex('followups')
        .where({ id: item.id })
        .update({
          created_at: new Date(fields.createdAt),
          ...(fields.completedAt
            ? {
                status: 'done',
                completed_at: new Date(fields.completedAt),
                completed_by: 'user:default/dave',
              }
            : {}),
        });
    }

    /**
     * Payments (under Commerce, under Engineering) owns checkout-api and
     * payment-gateway; SRE (under Platform) owns alerting-pipeline until it moves
     * to Payments. Alice is in Payments and in SRE.
     */
    async function organisationWithHistory(api: Api) {
      const a = await incident(api, {
        title: 'A: checkout failing',
        entityRef: 'component:default/checkout-api',
        severity: 'SEV-1',
        startedAt: '2026-10-06T10:00:00Z',
        resolvedAt: '2026-10-06T12:00:00Z',
        ic: 'user:default/dave',
      });
      const b = await incident(api, {
        title: 'B: alerts delayed',
        entityRef: 'component:default/alerting-pipeline',
        severity: 'SEV-2',
        startedAt: '2026-10-13T10:00:00Z',
        resolvedAt: '2026-10-13T11:00:00Z',
        ic: 'user:default/bob',
      });
      await incident(api, {
        title: 'C: gateway errors',
        entityRef: 'component:default/payment-gateway',
        severity: 'SEV-2',
        startedAt: '2026-10-20T09:00:00Z',
        resolvedAt: '2026-10-20T10:00:00Z',
      });
      const d = await incident(api, {
        title: 'D: slow checkout',
        entityRef: 'component:default/checkout-api',
        severity: 'SEV-3',
        startedAt: '2026-09-01T10:00:00Z',
        resolvedAt: '2026-09-01T11:00:00Z',
        ic: 'user:default/dave',
      });
      await incident(api, {
        title: 'E: alert storm',
        entityRef: 'component:default/alerting-pipeline',
        severity: 'SEV-3',
        startedAt: '2026-10-27T08:00:00Z',
      });

      await actionItem(api, a.id, {
        title: 'Alert on pool saturation',
        dueAt: '2026-10-15T12:00:00Z',
        createdAt: '2026-10-07T09:00:00Z',
        completedAt: '2026-10-21T09:00:00Z',
      });
      await actionItem(api, a.id, {
        title: 'Add a runbook',
        dueAt: '2026-10-25T12:00:00Z',
        createdAt: '2026-10-08T09:00:00Z',
        completedAt: '2026-10-20T09:00:00Z',
      });
      await actionItem(api, a.id, {
        title: 'Document the rollback',
        ownerRef: 'user:default/alice',
        dueAt: '2026-10-29T12:00:00Z',
        createdAt: '2026-10-14T09:00:00Z',
      });
      await actionItem(api, b.id, {
        title: 'Tune alert thresholds',
        ownerRef: 'user:default/alice',
        dueAt: '2026-10-30T12:00:00Z',
        createdAt: '2026-10-14T09:00:00Z',
      });

      // A's post-mortem was reviewed on 8 October, before its deadline (9 October).
      const pmA = await api.send('post', `/incidents/${a.id}/postmortem`, {
        ownerRef: 'user:default/alice',
      });
      const inReview = await api.send(
        'post',
        `/postmortems/${pmA.id}/transitions`,
        { version: pmA.version, to: 'in-review' },
      );
      await api.send('post', `/postmortems/${pmA.id}/transitions`, {
        version: inReview.version,
        to: 'reviewed',
      });
      await api
        .knex('postmortem_transitions')
        .where({ postmortem_id: pmA.id })
        .update({ at: new Date('2026-10-08T15:00:00Z') });
      // D's, from before the period, is still a draft.
      const pmD = await api.send('post', `/incidents/${d.id}/postmortem`, {
        ownerRef: 'user:default/dave',
      });

      // alerting-pipeline moves to Payments: its open incident E follows it,
      // the resolved B stays with SRE.
      const pipeline = api.catalog.find(
        e => e.metadata.name === 'alerting-pipeline',
      )!;
      pipeline.spec!.owner = 'payments';
      await api.scheduler.triggerTask(OWNERSHIP_REFRESH_TASK);
      return { pmD };
    }

    it('rolls up a nested hierarchy: the figures of Commerce, computed by hand', async () => {
      const api = await startBackend();
      const { pmD } = await organisationWithHistory(api);

      const res = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?${PERIOD}`,
      );
      expect(res.status).toBe(200);
      const overview = res.body;

      expect(overview.incidents).toEqual({
        bySeverity: {
          'SEV-1': 1,
          'SEV-2': 1,
          'SEV-3': 1,
          'SEV-4': 0,
          'SEV-5': 0,
        },
        total: 3,
      });
      expect(
        overview.followups.items.map((f: any) => [
          f.title,
          f.incidentTitle,
          f.ownerRef,
        ]),
      ).toEqual([
        ['Check on the post-mortem', 'D: slow checkout', 'user:default/dave'],
        [
          'Check on the post-mortem',
          'A: checkout failing',
          'user:default/dave',
        ],
        ['Check on the post-mortem', 'C: gateway errors', null],
        ['Document the rollback', 'A: checkout failing', 'user:default/alice'],
      ]);
      expect(overview.followups).toMatchObject({
        totalCount: 4,
        overdueCount: 4,
        dueSoonCount: 0,
        unassignedCount: 1,
      });
      expect(overview.postmortems.countsByStatus).toEqual({
        draft: 0,
        'in-review': 0,
        reviewed: 1,
        closed: 0,
      });
      expect(overview.postmortems.open).toEqual([
        expect.objectContaining({
          id: pmD.id,
          incidentTitle: 'D: slow checkout',
          status: 'draft',
          meetingState: 'late',
        }),
      ]);
      expect(
        overview.postmortems.missing.map((m: any) => m.incidentTitle),
      ).toEqual(['C: gateway errors']);
      expect(overview.weeks).toEqual([
        {
          weekStart: '2026-10-05',
          followupsDue: 1,
          followupsDoneOnTime: 0,
          postmortemsDue: 1,
          postmortemsOnTime: 1,
          openActionItems: 2,
        },
        {
          weekStart: '2026-10-12',
          followupsDue: 1,
          followupsDoneOnTime: 0,
          postmortemsDue: 0,
          postmortemsOnTime: 0,
          openActionItems: 3,
        },
        {
          weekStart: '2026-10-19',
          followupsDue: 2,
          followupsDoneOnTime: 1,
          postmortemsDue: 0,
          postmortemsOnTime: 0,
          openActionItems: 1,
        },
        {
          weekStart: '2026-10-26',
          followupsDue: 1,
          followupsDoneOnTime: 0,
          postmortemsDue: 0,
          postmortemsOnTime: 0,
          openActionItems: 1,
        },
      ]);
      expect(overview.mttrBySeverity).toEqual([
        { severity: 'SEV-1', incidents: 1, meanMinutes: 120 },
        { severity: 'SEV-2', incidents: 1, meanMinutes: 60 },
      ]);

      // The team's card: the counts alone, the same as the page's.
      const card = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?${PERIOD}&followupLimit=0&weeks=false`,
      );
      expect(card.status).toBe(200);
      const { followups, weeks, ...figures } = card.body;
      expect(followups).toEqual({ ...overview.followups, items: [] });
      expect(weeks).toEqual([]);
      const { followups: _f, weeks: _w, ...pageFigures } = overview;
      expect(figures).toEqual(pageFigures);
      const mostUrgent = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?${PERIOD}&followupLimit=2`,
      );
      expect(mostUrgent.body.followups.items).toEqual(
        overview.followups.items.slice(0, 2),
      );
      expect(mostUrgent.body.followups.totalCount).toBe(4);
      expect(overview.followups.nextCursor).toBeNull();

      // The rest page by page, from the overview's cursor.
      const pages: any[] = [];
      for (
        let cursor = mostUrgent.body.followups.nextCursor;
        cursor;
        cursor = pages[pages.length - 1].nextCursor
      ) {
        const page = await api.get(
          `/teams/${encodeURIComponent(
            'group:default/commerce',
          )}/followups?limit=1&cursor=${cursor}`,
        );
        expect(page.status).toBe(200);
        pages.push(page.body);
      }
      expect(pages.map(p => p.items)).toEqual([
        overview.followups.items.slice(2, 3),
        overview.followups.items.slice(3, 4),
      ]);
      expect(pages.map(p => p.totalCount)).toEqual([4, 4]);
      const firstPage = await api.get(
        `/teams/${encodeURIComponent('group:default/commerce')}/followups`,
      );
      expect(firstPage.body).toEqual({
        items: overview.followups.items,
        totalCount: 4,
        nextCursor: null,
      });

      const done = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?${PERIOD}&status=done`,
      );
      expect(done.status).toBe(200);
      expect(done.body.followups.items.length).toBe(
        done.body.followups.totalCount,
      );
      expect(done.body.followups.totalCount).toBeGreaterThan(0);
      expect(
        done.body.followups.items.every((f: any) => f.status === 'done'),
      ).toBe(true);
      expect(done.body.followups).toMatchObject({
        overdueCount: 4,
        dueSoonCount: 0,
        unassignedCount: 1,
      });
      // The pages keep the overview's filters.
      const doneFirst = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/followups?status=done&limit=1`,
      );
      const doneNext = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/followups?status=done&limit=500&cursor=${doneFirst.body.nextCursor}`,
      );
      expect([...doneFirst.body.items, ...doneNext.body.items]).toEqual(
        done.body.followups.items,
      );
      expect(doneNext.body.totalCount).toBe(done.body.followups.totalCount);
    });

    it('keeps resolved incidents with the team that owned the service, and each action item with its incident', async () => {
      const api = await startBackend();
      await organisationWithHistory(api);
      const overviewOf = async (team: string, query = '') =>
        (
          await api.get(
            `/teams/${encodeURIComponent(team)}/overview?${PERIOD}${query}`,
          )
        ).body;

      const sre = await overviewOf('group:default/sre');
      expect(sre.incidents.total).toBe(1);
      expect(sre.incidents.bySeverity['SEV-2']).toBe(1);
      expect(sre.followups.items.map((f: any) => f.title)).toEqual([
        'Check on the post-mortem',
        'Tune alert thresholds',
      ]);
      expect(sre.postmortems.missing.map((m: any) => m.incidentTitle)).toEqual([
        'B: alerts delayed',
      ]);

      // Alice is in both teams; each overview shows only its own incidents' items.
      const alice = '&memberRef=user:default/alice';
      expect(
        (await overviewOf('group:default/commerce', alice)).followups.items.map(
          (f: any) => f.title,
        ),
      ).toEqual(['Document the rollback']);
      expect(
        (await overviewOf('group:default/sre', alice)).followups.items.map(
          (f: any) => f.title,
        ),
      ).toEqual(['Tune alert thresholds']);
      // A member's post-mortems only; the incidents count whoever owns them.
      const commerceOf = async (member: string) =>
        overviewOf(
          'group:default/commerce',
          `&memberRef=user:default/${member}`,
        );
      for (const [member, reviewed] of [
        ['alice', 1],
        ['dave', 0],
      ] as const) {
        const overview = await commerceOf(member);
        expect(overview.postmortems.countsByStatus.reviewed).toBe(reviewed);
        expect(overview.incidents.bySeverity).toMatchObject({
          'SEV-1': 1,
          'SEV-2': 1,
          'SEV-3': 1,
        });
        expect(overview.mttrBySeverity).toEqual([
          { severity: 'SEV-1', incidents: 1, meanMinutes: 120 },
          { severity: 'SEV-2', incidents: 1, meanMinutes: 60 },
        ]);
      }

      // The top of the hierarchy sees everything; without its child groups,
      // Commerce owns no service itself.
      const engineering = await overviewOf('group:default/engineering');
      expect(engineering.incidents.total).toBe(4);
      expect(engineering.followups.totalCount).toBe(6);
      const commerceAlone = await overviewOf(
        'group:default/commerce',
        '&includeChildren=false',
      );
      expect(commerceAlone.incidents.total).toBe(0);
      expect(commerceAlone.followups.totalCount).toBe(0);

      // Filters: severity and followup status.
      const major = await overviewOf(
        'group:default/commerce',
        '&severity=SEV-1',
      );
      expect(major.incidents.total).toBe(1);
      expect(major.followups.items.map((f: any) => f.incidentTitle)).toEqual([
        'A: checkout failing',
        'A: checkout failing',
      ]);
      const done = await overviewOf('group:default/commerce', '&status=done');
      expect(done.followups.items.map((f: any) => f.title).sort()).toEqual([
        'Add a runbook',
        'Alert on pool saturation',
      ]);
    });

    it("counts an item a team's group owns once, on the team's own incidents and on another team's", async () => {
      const api = await startBackend();
      await organisationWithHistory(api);
      const incidentId = async (title: string) =>
        (await api.knex('incidents').where({ title }).first()).id as string;
      const overviewOf = async (team: string) =>
        (await api.get(`/teams/${encodeURIComponent(team)}/overview?${PERIOD}`))
          .body;
      const before = await overviewOf('group:default/commerce');

      for (const [title, incidentTitle] of [
        ['Review the pool size', 'A: checkout failing'],
        ['Share the alert runbook', 'B: alerts delayed'],
      ]) {
        await actionItem(api, await incidentId(incidentTitle), {
          title,
          ownerRef: 'group:default/payments',
          dueAt: '2026-12-15T12:00:00Z',
          createdAt: '2026-10-22T09:00:00Z',
        });
      }

      const commerce = await overviewOf('group:default/commerce');
      expect(commerce.followups.totalCount).toBe(
        before.followups.totalCount + 2,
      );
      const titles = commerce.followups.items.map((f: any) => f.title);
      expect(
        titles.filter((t: string) => t === 'Review the pool size'),
      ).toEqual(['Review the pool size']);
      expect(titles).toContain('Share the alert runbook');
      expect(commerce.weeks.map((w: any) => w.openActionItems)).toEqual(
        before.weeks.map(
          (w: any) => w.openActionItems + (w.weekStart >= '2026-10-19' ? 2 : 0),
        ),
      );
      // SRE sees the item of its incident, whoever owns it.
      expect(
        (await overviewOf('group:default/sre')).followups.items.map(
          (f: any) => f.title,
        ),
      ).toEqual([
        'Check on the post-mortem',
        'Tune alert thresholds',
        'Share the alert runbook',
      ]);
    });

    it('exports the followups as CSV', async () => {
      const api = await startBackend();
      await organisationWithHistory(api);
      const { body: incidents } = await api.get('/incidents');
      const incidentA = incidents.items.find(
        (i: any) => i.title === 'A: checkout failing',
      );
      await api.send('post', `/incidents/${incidentA.id}/followups`, {
        title: '=HYPERLINK("http://evil.example","click")',
        kind: 'prevention',
        priority: 'P3',
        dueAt: '2026-10-30T00:00:00Z',
      });
      const res = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/followups.csv?${PERIOD}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(
        'commerce-followups.csv',
      );
      const lines = res.text.trim().split('\n');
      expect(lines[0]).toBe(
        'Incident,Severity,Followup,Type,Priority,Owner,Status,Due,Overdue,Completed,Link',
      );
      expect(lines).toHaveLength(6);
      // A formula someone typed stays text in a spreadsheet.
      expect(lines.find(line => line.includes('HYPERLINK'))).toContain(
        ',"\'=HYPERLINK(""http://evil.example"",""click"")",',
      );
      expect(lines[4]).toMatch(
        /^A: checkout failing,SEV-1,Document the rollback,Action item,P2,user:default\/alice,open,2026-10-29T12:00:00.000Z,yes,,/,
      );
    });

    it('lists post-mortems in progress and missing a page at a time, and counts them all', async () => {
      const api = await startBackend();
      const missing: string[] = [];
      for (const day of [3, 7, 5, 9, 1]) {
        const started = `2026-10-0${day}T10:00:00Z`;
        await incident(api, {
          title: `Missing ${day}`,
          entityRef: 'component:default/checkout-api',
          severity: 'SEV-2',
          startedAt: started,
          resolvedAt: `2026-10-0${day}T11:00:00Z`,
        });
        missing.push(`Missing ${day}`);
      }
      const open: string[] = [];
      for (const [title, resolvedAt] of [
        ['Open, resolved 20 Oct', '2026-10-20T11:00:00Z'],
        ['Open, not resolved', undefined],
        ['Open, resolved 12 Oct', '2026-10-12T11:00:00Z'],
      ] as const) {
        const created = await incident(api, {
          title,
          entityRef: 'component:default/payment-gateway',
          severity: 'SEV-3',
          startedAt: '2026-10-10T10:00:00Z',
          resolvedAt,
        });
        await api.send('post', `/incidents/${created.id}/postmortem`, {
          ownerRef: 'user:default/alice',
        });
        open.push(title);
      }
      const team = `/teams/${encodeURIComponent('group:default/payments')}`;

      const overview = (await api.get(`${team}/overview?postmortemLimit=2`))
        .body.postmortems;
      expect(overview.missing.map((m: any) => m.incidentTitle)).toEqual([
        'Missing 9',
        'Missing 7',
      ]);
      expect(overview.open.map((p: any) => p.incidentTitle)).toEqual([
        'Open, resolved 12 Oct',
        'Open, resolved 20 Oct',
      ]);
      expect(overview).toMatchObject({
        missingCount: 5,
        openCount: 3,
        // Resolved weeks ago without a meeting: late. Unresolved: no deadline yet.
        lateCount: 2,
      });

      /** Every item of a list, page by page from the overview's cursor. */
      async function rest(list: string, cursor: string, title: string) {
        const titles: string[] = [];
        for (let next: string | null = cursor; next; ) {
          const page: any = await api.get(
            `${team}/${list}?limit=2&cursor=${encodeURIComponent(next)}`,
          );
          expect(page.status).toBe(200);
          expect(page.body.items.length).toBeLessThanOrEqual(2);
          titles.push(...page.body.items.map((item: any) => item[title]));
          next = page.body.nextCursor;
        }
        return titles;
      }
      expect(
        await rest(
          'missing-postmortems',
          overview.missingNextCursor,
          'incidentTitle',
        ),
      ).toEqual(['Missing 5', 'Missing 3', 'Missing 1']);
      expect(
        await rest(
          'open-postmortems',
          overview.openNextCursor,
          'incidentTitle',
        ),
      ).toEqual(['Open, not resolved']);
      const page = await api.get(
        `${team}/missing-postmortems?limit=2&cursor=${encodeURIComponent(
          overview.missingNextCursor,
        )}`,
      );
      expect(page.body.totalCount).toBe(5);

      const counts = (
        await api.get(
          `${team}/overview?postmortemLimit=0&followupLimit=0&weeks=false`,
        )
      ).body.postmortems;
      expect(counts).toMatchObject({
        open: [],
        openCount: 3,
        lateCount: 2,
        openNextCursor: null,
        missing: [],
        missingCount: 5,
        missingNextCursor: null,
      });
      const all = (await api.get(`${team}/overview`)).body.postmortems;
      expect(all.missing.map((m: any) => m.incidentTitle).sort()).toEqual(
        [...missing].sort(),
      );
      expect(all.open).toHaveLength(open.length);
      expect(all.missingNextCursor).toBeNull();

      for (const [path, named] of [
        ['overview?postmortemLimit=501', 'postmortemLimit'],
        ['missing-postmortems?cursor=not-one', 'cursor'],
        ['open-postmortems?cursor=not-one', 'cursor'],
        ['open-postmortems?limit=0', 'limit'],
        ['missing-postmortems?status=open', 'status'],
      ]) {
        const bad = await api.get(`${team}/${path}`);
        expect([path, bad.status]).toEqual([path, 400]);
        expect(bad.body.error.message).toContain(named);
      }
      expect(
        (
          await api.get(
            `/teams/${encodeURIComponent(
              'group:default/nobody',
            )}/missing-postmortems`,
          )
        ).status,
      ).toBe(404);
    });

    it('answers 404 for a group the catalog does not know, and 400 for a period that ends before it starts or a bad list limit', async () => {
      const api = await startBackend();
      const unknown = await api.get(
        `/teams/${encodeURIComponent('group:default/nobody')}/overview`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('group:default/nobody');

      const backwards = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?since=2026-11-01T00:00:00Z&until=2026-10-01T00:00:00Z`,
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toContain('until');

      const tooMany = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?followupLimit=501`,
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toContain('followupLimit');
      const notABoolean = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/overview?weeks=no`,
      );
      expect(notABoolean.status).toBe(400);
      expect(notABoolean.body.error.message).toContain('weeks');
      const csvWithLimit = await api.get(
        `/teams/${encodeURIComponent(
          'group:default/commerce',
        )}/followups.csv?followupLimit=5`,
      );
      expect(csvWithLimit.status).toBe(400);
      expect(csvWithLimit.body.error.message).toContain('followupLimit');

      const notAGroup = await api.get(
        `/teams/${encodeURIComponent('user:default/dave')}/overview`,
      );
      expect(notAGroup.status).toBe(400);

      const followups = (query: string) =>
        api.get(
          `/teams/${encodeURIComponent(
            'group:default/commerce',
          )}/followups?${query}`,
        );
      expect(
        (
          await api.get(
            `/teams/${encodeURIComponent('group:default/nobody')}/followups`,
          )
        ).status,
      ).toBe(404);
      for (const [query, named] of [
        ['cursor=not-one', 'cursor'],
        ['limit=0', 'limit'],
        ['since=2026-10-01T00:00:00Z', 'since'],
        ['status=closed', 'status'],
      ]) {
        const bad = await followups(query);
        expect([query, bad.status]).toEqual([query, 400]);
        expect(bad.body.error.message).toContain(named);
      }
    });
  },
);
