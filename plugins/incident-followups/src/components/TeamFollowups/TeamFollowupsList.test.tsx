import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { rootRouteRef } from '../../routes';
import { testFollowup } from '../../testFollowup';
import { TeamFollowupsList } from './TeamFollowupsList';

jest.setTimeout(30_000);

const followups = Array.from({ length: 50 }, (_, i) =>
  testFollowup({
    id: `7a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `Followup ${i + 1}`,
  }),
);

function renderList(props: { onShowMore?: () => void; busy?: boolean }) {
  return renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, mockApis.permission()]]}>
      <TeamFollowupsList
        followups={followups}
        totalCount={1717}
        busy={props.busy ?? false}
        onStatus={jest.fn()}
        onShowMore={props.onShowMore}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/incident-followups': rootRouteRef } },
  );
}

describe('TeamFollowupsList', () => {
  it('shows the followups it has and asks for the next 50', async () => {
    const onShowMore = jest.fn();
    await renderList({ onShowMore });
    expect(screen.getByText(/The 50 most urgent of 1717/)).toBeInTheDocument();
    expect(screen.getAllByTestId('team-followup')).toHaveLength(50);
    fireEvent.click(
      screen.getByRole('button', { name: 'Show 50 more of 1667' }),
    );
    expect(onShowMore).toHaveBeenCalledTimes(1);
  });

  it('offers no more once all are listed', async () => {
    await renderList({});
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('holds the next page while a change is saved', async () => {
    await renderList({ onShowMore: jest.fn(), busy: true });
    expect(
      screen.getByRole('button', { name: 'Show 50 more of 1667' }),
    ).toBeDisabled();
  });
});
