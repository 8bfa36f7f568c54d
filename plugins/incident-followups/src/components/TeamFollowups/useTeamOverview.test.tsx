import { TestApiProvider } from '@backstage/test-utils';
import { TeamOverview } from '@incident-followups/plugin-incident-followups-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import {
  incidentFollowupsApiRef,
  TeamOverviewOptions,
} from '../../api/IncidentFollowupsApi';
import { testFollowup } from '../../testFollowup';
import { testOverview } from '../../testTeamOverview';
import { useTeamOverview } from './useTeamOverview';

const backlog = Array.from({ length: 120 }, (_, i) =>
  testFollowup({
    id: `7a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `Followup ${i + 1}`,
  }),
);

/** The backlog as the backend pages it: the cursor is how many came before. */
function page(from: number, limit: number) {
  const items = backlog.slice(from, from + limit);
  const end = from + items.length;
  return {
    items,
    totalCount: backlog.length,
    nextCursor: end < backlog.length ? String(end) : null,
  };
}

function renderOverview() {
  const api = {
    getTeamOverview: jest.fn(
      async (options: TeamOverviewOptions): Promise<TeamOverview> => {
        const overview = testOverview();
        const first = page(0, options.followupLimit ?? 500);
        return { ...overview, followups: { ...overview.followups, ...first } };
      },
    ),
    listTeamFollowups: jest.fn(
      async (_: TeamOverviewOptions, p: { cursor: string; limit?: number }) =>
        page(Number(p.cursor), p.limit ?? 50),
    ),
    updateFollowup: jest.fn(async () => backlog[3]),
  };
  const options: TeamOverviewOptions = {
    teamRef: 'group:default/sre',
    followupLimit: 50,
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[incidentFollowupsApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
  const hook = renderHook(() => useTeamOverview(options), { wrapper });
  return { api, options, hook };
}

const titles = (followups: { title: string }[]) => followups.map(f => f.title);

describe('useTeamOverview', () => {
  it('lists the overview’s followups, then the next pages after them', async () => {
    const { api, options, hook } = renderOverview();
    await waitFor(() => expect(hook.result.current.followups).toHaveLength(50));

    await act(() => hook.result.current.showMore!());
    expect(api.listTeamFollowups).toHaveBeenLastCalledWith(options, {
      cursor: '50',
      limit: 50,
    });
    expect(titles(hook.result.current.followups)).toEqual(
      titles(backlog.slice(0, 100)),
    );

    await act(() => hook.result.current.showMore!());
    expect(titles(hook.result.current.followups)).toEqual(titles(backlog));
    expect(hook.result.current.showMore).toBeUndefined();
  });

  it('keeps the followups paged to after a status change, read again from the overview', async () => {
    const { api, hook } = renderOverview();
    await waitFor(() => expect(hook.result.current.followups).toHaveLength(50));
    await act(() => hook.result.current.showMore!());

    await act(() => hook.result.current.setStatus(backlog[3], 'done'));
    expect(api.updateFollowup).toHaveBeenCalledWith(
      backlog[3].id,
      expect.objectContaining({ status: 'done' }),
    );
    expect(api.getTeamOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ followupLimit: 100 }),
    );
    expect(titles(hook.result.current.followups)).toEqual(
      titles(backlog.slice(0, 100)),
    );
    await act(() => hook.result.current.showMore!());
    expect(api.listTeamFollowups).toHaveBeenLastCalledWith(expect.anything(), {
      cursor: '100',
      limit: 50,
    });
    expect(hook.result.current.followups).toHaveLength(120);
  });
});
