import { readTeamFilters, writeTeamFilters } from './teamFilters';

describe('team filters in the URL', () => {
  it('reads the defaults from an empty URL: the last 90 days, open followups, child groups included', () => {
    expect(readTeamFilters(new URLSearchParams())).toEqual({
      teamRef: null,
      days: 90,
      severities: [],
      statuses: ['open', 'in-progress'],
      memberRef: null,
      includeChildren: true,
    });
  });

  it('writes only what differs from the defaults, and reads it back', () => {
    const filters = {
      teamRef: 'group:default/payments',
      days: 30,
      severities: ['SEV-1' as const, 'SEV-2' as const],
      statuses: 'all' as const,
      memberRef: 'user:default/alice',
      includeChildren: false,
    };
    const params = writeTeamFilters(filters);
    expect(params.toString()).toBe(
      'team=group%3Adefault%2Fpayments&days=30&severity=SEV-1%2CSEV-2&status=all&member=user%3Adefault%2Falice&children=false',
    );
    expect(readTeamFilters(params)).toEqual(filters);
  });

  it('ignores what it does not know', () => {
    const filters = readTeamFilters(
      new URLSearchParams('days=7&severity=SEV-9,SEV-2&status=lost'),
    );
    expect(filters.days).toBe(90);
    expect(filters.severities).toEqual(['SEV-2']);
    expect(filters.statuses).toEqual(['open', 'in-progress']);
  });
});
