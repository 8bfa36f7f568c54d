import { IncidentFollowupsClient } from './IncidentFollowupsClient';

function clientAnswering(body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new IncidentFollowupsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/if' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const requested = () => new URL(fetch.mock.calls.at(-1)![0]);
  return { client, requested, fetch };
}

describe('IncidentFollowupsClient team overview', () => {
  it('asks for the filters, the followup limit and no weeks when told so', async () => {
    const { client, requested } = clientAnswering({ teamRef: 'group:x/sre' });
    await client.getTeamOverview({
      teamRef: 'group:default/sre',
      since: '2026-09-01T00:00:00.000Z',
      severities: ['SEV-1', 'SEV-2'],
      includeChildren: false,
      followupLimit: 0,
      weeks: false,
    });
    const url = requested();
    expect(url.pathname).toBe('/api/if/teams/group%3Adefault%2Fsre/overview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      since: '2026-09-01T00:00:00.000Z',
      severity: 'SEV-1,SEV-2',
      includeChildren: 'false',
      followupLimit: '0',
      weeks: 'false',
    });
  });

  it('leaves the list and the weeks at their defaults unless asked', async () => {
    const { client, requested } = clientAnswering({});
    await client.getTeamOverview({ teamRef: 'group:default/sre' });
    expect([...requested().searchParams.keys()]).toEqual([]);
  });

  it('pages the followups with the filters and the cursor, whatever the period', async () => {
    const { client, requested } = clientAnswering({ items: [] });
    await client.listTeamFollowups(
      {
        teamRef: 'group:default/sre',
        since: '2026-09-01T00:00:00.000Z',
        statuses: ['open'],
        includeChildren: false,
        followupLimit: 50,
      },
      { cursor: 'WyJhIl0', limit: 50 },
    );
    const url = requested();
    expect(url.pathname).toBe('/api/if/teams/group%3Adefault%2Fsre/followups');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'open',
      includeChildren: 'false',
      cursor: 'WyJhIl0',
      limit: '50',
    });
  });

  it("pages a team's post-mortems with the filters and the cursor, without the followup statuses", async () => {
    const { client, requested } = clientAnswering({ items: [] });
    const options = {
      teamRef: 'group:default/sre',
      since: '2026-09-01T00:00:00.000Z',
      statuses: ['open' as const],
      severities: ['SEV-1' as const],
      postmortemLimit: 10,
    };
    await client.listTeamMissingPostmortems(options, {
      cursor: 'WyJhIl0',
      limit: 25,
    });
    const missing = requested();
    expect(missing.pathname).toBe(
      '/api/if/teams/group%3Adefault%2Fsre/missing-postmortems',
    );
    expect(Object.fromEntries(missing.searchParams)).toEqual({
      severity: 'SEV-1',
      cursor: 'WyJhIl0',
      limit: '25',
    });
    await client.listTeamOpenPostmortems(options, { cursor: 'WyJiIl0' });
    const open = requested();
    expect(open.pathname).toBe(
      '/api/if/teams/group%3Adefault%2Fsre/open-postmortems',
    );
    expect(Object.fromEntries(open.searchParams)).toEqual({
      severity: 'SEV-1',
      cursor: 'WyJiIl0',
    });
  });

  it('exports the CSV with the filters only', () => {
    const { client } = clientAnswering({});
    expect(
      client.teamFollowupsCsvPath({
        teamRef: 'group:default/sre',
        memberRef: 'user:default/ada',
        followupLimit: 0,
        weeks: false,
      }),
    ).toBe(
      '/teams/group%3Adefault%2Fsre/followups.csv?memberRef=user%3Adefault%2Fada',
    );
  });
});

describe('IncidentFollowupsClient process reviews', () => {
  it('asks for the first page, then the page after the cursor', async () => {
    const { client, requested } = clientAnswering({ items: [] });
    await client.listProcessReviews();
    expect(requested().pathname).toBe('/api/if/process-reviews');
    expect([...requested().searchParams.keys()]).toEqual([]);

    const next = clientAnswering({ items: [] });
    await next.client.listProcessReviews({ cursor: 'WyJhIl0', limit: 10 });
    expect(Object.fromEntries(next.requested().searchParams)).toEqual({
      cursor: 'WyJhIl0',
      limit: '10',
    });
  });

  it("pages a review's agenda by its cursor", async () => {
    const { client, requested } = clientAnswering({ items: [] });
    await client.listProcessReviewAgenda('review/1');
    expect(requested().pathname).toBe(
      '/api/if/process-reviews/review%2F1/agenda',
    );
    expect([...requested().searchParams.keys()]).toEqual([]);

    await client.listProcessReviewAgenda('review/1', {
      cursor: 'WyJhIl0',
      limit: 25,
    });
    expect(requested().pathname).toBe(
      '/api/if/process-reviews/review%2F1/agenda',
    );
    expect(Object.fromEntries(requested().searchParams)).toEqual({
      cursor: 'WyJhIl0',
      limit: '25',
    });

    await client.listProcessReviewAgenda('review/1', {
      severities: ['SEV-1', 'SEV-2'],
      discussed: false,
    });
    expect(Object.fromEntries(requested().searchParams)).toEqual({
      severity: 'SEV-1,SEV-2',
      discussed: 'false',
    });
    await client.listProcessReviewAgenda('review/1', {
      severities: [],
      discussed: true,
    });
    expect(Object.fromEntries(requested().searchParams)).toEqual({
      discussed: 'true',
    });
  });

  it('reads and changes one agenda item at its own path', async () => {
    const { client, requested, fetch } = clientAnswering({ incidentId: 'i/1' });
    await client.getAgendaItem('review/1', 'i/1');
    expect(requested().pathname).toBe(
      '/api/if/process-reviews/review%2F1/agenda/i%2F1',
    );
    expect(fetch.mock.calls.at(-1)![1]).toMatchObject({ method: 'GET' });

    const answered = await client.updateAgendaItem('review/1', 'i/1', {
      version: 3,
      discussed: true,
    });
    expect(requested().pathname).toBe(
      '/api/if/process-reviews/review%2F1/agenda/i%2F1',
    );
    expect(fetch.mock.calls.at(-1)![1]).toMatchObject({
      method: 'PATCH',
      body: JSON.stringify({ version: 3, discussed: true }),
    });
    expect(answered).toEqual({ incidentId: 'i/1' });
  });
});
