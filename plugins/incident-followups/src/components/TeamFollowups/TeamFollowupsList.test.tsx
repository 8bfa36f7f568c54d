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

const followups = Array.from({ length: 120 }, (_, i) =>
  testFollowup({
    id: `7a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `Followup ${i + 1}`,
  }),
);

describe('TeamFollowupsList', () => {
  it('renders the most urgent 50 first and the rest 50 at a time', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, mockApis.permission()]]}>
        <TeamFollowupsList
          followups={followups}
          totalCount={1717}
          busy={false}
          onStatus={jest.fn()}
        />
      </TestApiProvider>,
      { mountedRoutes: { '/incident-followups': rootRouteRef } },
    );
    expect(screen.getByText(/The 120 most urgent of 1717/)).toBeInTheDocument();
    expect(screen.getAllByTestId('team-followup')).toHaveLength(50);
    expect(screen.getByText('Followup 50')).toBeInTheDocument();
    expect(screen.queryByText('Followup 51')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more of 70' }));
    expect(screen.getAllByTestId('team-followup')).toHaveLength(100);

    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more of 20' }));
    expect(screen.getAllByTestId('team-followup')).toHaveLength(120);
    expect(screen.getByText('Followup 120')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });
});
