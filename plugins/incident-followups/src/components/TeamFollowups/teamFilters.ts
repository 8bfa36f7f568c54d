import {
  FOLLOWUP_STATUSES,
  FollowupStatus,
  SEVERITIES,
  Severity,
  OPEN_FOLLOWUP_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';

/** The periods to choose from, in days back from today. */
export const PERIOD_DAYS = [30, 90, 180, 365] as const;
export const DEFAULT_PERIOD_DAYS = 90;

/** What the team page shows, as it reads from and writes to its URL. */
export interface TeamFilters {
  teamRef: string | null;
  days: number;
  severities: Severity[];
  /** The followups listed: open ones (open and in progress), or all. */
  statuses: FollowupStatus[] | 'all';
  memberRef: string | null;
  includeChildren: boolean;
}

export function readTeamFilters(params: URLSearchParams): TeamFilters {
  const days = Number(params.get('days'));
  const list = <T extends string>(key: string, allowed: readonly T[]) =>
    (params.get(key) ?? '')
      .split(',')
      .filter((v): v is T => (allowed as readonly string[]).includes(v));
  const status = params.get('status');
  let statuses: FollowupStatus[] = list('status', FOLLOWUP_STATUSES);
  if (statuses.length === 0) statuses = [...OPEN_FOLLOWUP_STATUSES];
  return {
    teamRef: params.get('team'),
    days: (PERIOD_DAYS as readonly number[]).includes(days)
      ? days
      : DEFAULT_PERIOD_DAYS,
    severities: list('severity', SEVERITIES),
    statuses: status === 'all' ? 'all' : statuses,
    memberRef: params.get('member'),
    includeChildren: params.get('children') !== 'false',
  };
}

export function writeTeamFilters(filters: TeamFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.teamRef) params.set('team', filters.teamRef);
  if (filters.days !== DEFAULT_PERIOD_DAYS)
    params.set('days', String(filters.days));
  if (filters.severities.length)
    params.set('severity', filters.severities.join(','));
  if (filters.statuses === 'all') params.set('status', 'all');
  else if (filters.statuses.join(',') !== OPEN_FOLLOWUP_STATUSES.join(','))
    params.set('status', filters.statuses.join(','));
  if (filters.memberRef) params.set('member', filters.memberRef);
  if (!filters.includeChildren) params.set('children', 'false');
  return params;
}
