import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import userEvent from '@testing-library/user-event';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { processReviewsRouteRef, rootRouteRef } from '../../routes';
import {
  testAgendaIncident,
  testAgendaPage,
  testProcessReview,
  testProcessReviewSummary,
} from '../../testProcessReview';
import { ProcessReviewsPage } from './ProcessReviewsPage';

jest.setTimeout(60_000);

const catalogApi = {
  getEntities: async () => ({
    items: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'alice', namespace: 'default' },
        spec: { profile: { displayName: 'Alice Johnson' } },
      },
    ],
  }),
};

/** Signals as the backend sends them: `send` delivers a message to the page's subscribers of a channel. */
function fakeSignals() {
  const subscribers = new Map<string, (message: any) => void>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        subscribers.set(channel, onMessage);
        return { unsubscribe: () => subscribers.delete(channel) };
      },
    },
    send: (channel: string, message: object) =>
      act(() => subscribers.get(channel)?.(message)),
  };
}

async function renderPage(
  url: string,
  user: string,
  api: Record<string, jest.Mock>,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  signals = fakeSignals(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentFollowupsApiRef, api],
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user' as const,
              userEntityRef: user,
              ownershipEntityRefs: [user],
            }),
          },
        ],
        [catalogApiRef, catalogApi],
        [permissionApiRef, { authorize: async () => ({ result: permission }) }],
        [signalApiRef, signals.api],
      ]}
    >
      <ProcessReviewsPage />
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/process-reviews': processReviewsRouteRef,
        '/incident-followups': rootRouteRef,
      },
    },
  );
}

const reviewUrl = `/${testProcessReview().id}`;

/** The API of a meeting, its agenda one page: `testAgendaIncident` unless told. */
function meetingApi(
  review = testProcessReview(),
  agenda = testAgendaPage([testAgendaIncident()]),
) {
  return {
    getProcessReview: jest.fn().mockResolvedValue(review),
    listProcessReviewAgenda: jest.fn().mockResolvedValue(agenda),
  };
}

describe('ProcessReviewsPage', () => {
  it('lists the meetings, upcoming first, with how many attend', async () => {
    const past = testProcessReviewSummary({
      id: 'past',
      title: 'October process review',
      scheduledFor: '2026-10-28T15:00:00.000Z',
      attendeeCount: 7,
      pendingRequestCount: 0,
    });
    await renderPage('/', 'user:default/guest', {
      listProcessReviews: jest.fn().mockResolvedValue({
        items: [past, testProcessReviewSummary()],
        nextCursor: null,
        totalCount: 2,
      }),
    });
    const rows = await screen.findAllByRole('link', { name: /process review/ });
    expect(rows.map(r => r.textContent)).toEqual([
      'November process review',
      'October process review',
    ]);
    const attendees = rows.map(
      r => within(r.closest('tr')!).getAllByRole('cell')[3].textContent,
    );
    expect(attendees).toEqual(['1', '7']);
    expect(screen.getByText('1 asking to join')).toBeInTheDocument();
    expect(screen.getByText('Held')).toBeInTheDocument();
  });

  it('shows more meetings page by page', async () => {
    const meeting = (n: number) =>
      testProcessReviewSummary({
        id: `m-${n}`,
        title: `Weekly process review ${n}`,
        scheduledFor: `2026-0${n}-10T15:00:00.000Z`,
        pendingRequestCount: 0,
      });
    const listProcessReviews = jest
      .fn()
      .mockResolvedValueOnce({
        items: [meeting(3), meeting(2)],
        nextCursor: 'after-2',
        totalCount: 3,
      })
      .mockResolvedValueOnce({
        items: [meeting(1)],
        nextCursor: null,
        totalCount: 3,
      });
    await renderPage('/', 'user:default/guest', { listProcessReviews });
    expect(await screen.findByText('Meetings (3)')).toBeInTheDocument();
    expect(screen.queryByText('Weekly process review 1')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show more meetings (1 more)' }),
    );
    expect(
      await screen.findByText('Weekly process review 1'),
    ).toBeInTheDocument();
    expect(listProcessReviews).toHaveBeenLastCalledWith({ cursor: 'after-2' });
    expect(
      screen
        .getAllByRole('link', { name: /Weekly process review/ })
        .map(r => r.textContent),
    ).toEqual([
      'Weekly process review 3',
      'Weekly process review 2',
      'Weekly process review 1',
    ]);
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
  });

  it("shows the agenda, and lets the period's IC approve a request to join", async () => {
    const decideJoinRequest = jest.fn().mockResolvedValue({});
    const api = { ...meetingApi(), decideJoinRequest };
    await renderPage(reviewUrl, 'user:default/dave', api);
    const item = await screen.findByTestId('agenda-item');
    expect(item).toHaveTextContent('Checkout failing for card payments');
    expect(item).toHaveTextContent('Nobody knew who was IC at first.');
    expect(item).toHaveTextContent('3/5 · alice: Paged twice');
    expect(
      screen.getByRole('heading', { name: 'Agenda: 1 incident · 0 discussed' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('period-feedback')).toHaveTextContent('3.5 / 5');
    expect(screen.getByTestId('process-item')).toHaveTextContent(
      'Write the escalation policy',
    );
    expect(screen.queryByText(/oldest of/)).toBeNull();
    expect(api.listProcessReviewAgenda).toHaveBeenCalledWith(
      testProcessReview().id,
      { cursor: undefined, limit: 25, severities: [] },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(decideJoinRequest).toHaveBeenCalledWith(
      testProcessReview().id,
      'r-1',
      'approve',
    );
    expect(api.getProcessReview).toHaveBeenCalledTimes(2);
    expect(api.listProcessReviewAgenda).toHaveBeenCalledTimes(1);
  });

  it('says when no incident was resolved in the period', async () => {
    const review = testProcessReview({ agendaCount: 0 });
    await renderPage(
      reviewUrl,
      'user:default/dave',
      meetingApi(review, testAgendaPage([])),
    );
    expect(
      await screen.findByText('No incident in the period'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Agenda: 0 incidents' }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('agenda-item')).toBeNull();
  });

  it('names the incident commanders of each agenda item, or says there was none', async () => {
    const commanded = (n: number, commanderRefs: string[]) =>
      testAgendaIncident({
        incidentId: `6f1c2a4e-0001-4c1a-9d3e-5b7a1c00000${n}`,
        title: `Incident ${n}`,
        commanderRefs,
      });
    await renderPage(
      reviewUrl,
      'user:default/dave',
      meetingApi(
        testProcessReview({ agendaCount: 3 }),
        testAgendaPage([
          commanded(1, ['user:default/dave']),
          commanded(2, ['user:default/alice', 'user:default/dave']),
          commanded(3, []),
        ]),
      ),
    );
    const items = await screen.findAllByTestId('agenda-item');
    expect(items[0]).toHaveTextContent('incident commander dave ·');
    expect(items[1]).toHaveTextContent('incident commanders alice, dave ·');
    expect(items[2]).toHaveTextContent('no incident commander ·');
  });

  it('reads a long agenda 25 incidents at a time, oldest first, the next page through its cursor', async () => {
    const review = testProcessReview({
      id: '5e000000-0003-4000-8000-000000000003',
      agendaCount: 30,
      discussedCount: 4,
    });
    const incidents = Array.from({ length: 30 }, (_, i) =>
      testAgendaIncident({
        incidentId: `6f1c2a4e-0001-4c1a-9d3e-5b7a1c0000${String(i).padStart(
          2,
          '0',
        )}`,
        title: `Incident ${i + 1}`,
      }),
    );
    const listProcessReviewAgenda = jest
      .fn()
      .mockResolvedValueOnce(
        testAgendaPage(incidents.slice(0, 25), {
          nextCursor: 'after-25',
          totalCount: 30,
        }),
      )
      .mockResolvedValueOnce(
        testAgendaPage(incidents.slice(25), { totalCount: 30 }),
      );
    await renderPage(`/${review.id}`, 'user:default/dave', {
      getProcessReview: jest.fn().mockResolvedValue(review),
      listProcessReviewAgenda,
    });
    expect(await screen.findAllByTestId('agenda-item')).toHaveLength(25);
    expect(
      screen.getByText('Agenda: 30 incidents · 4 discussed'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('agenda-item')[24]).toHaveTextContent(
      'Incident 25',
    );
    expect(listProcessReviewAgenda).toHaveBeenCalledWith(review.id, {
      cursor: undefined,
      limit: 25,
      severities: [],
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Show more incidents (5 more)' }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('agenda-item')).toHaveLength(30),
    );
    expect(listProcessReviewAgenda).toHaveBeenLastCalledWith(review.id, {
      cursor: 'after-25',
      limit: 25,
      severities: [],
    });
    const items = screen.getAllByTestId('agenda-item');
    expect(items[0]).toHaveTextContent('Incident 1');
    expect(items[29]).toHaveTextContent('Incident 30');
    expect(
      screen.queryByRole('button', { name: /Show more incidents/ }),
    ).toBeNull();
  });

  it('narrows the agenda to the incidents not discussed yet, of chosen severities, saying how many match', async () => {
    const review = testProcessReview({ agendaCount: 3, discussedCount: 1 });
    const outage = testAgendaIncident({
      incidentId: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000002',
      title: 'Outage',
      severity: 'SEV-1',
    });
    const listProcessReviewAgenda = jest
      .fn()
      .mockResolvedValueOnce(
        testAgendaPage([testAgendaIncident(), outage], { totalCount: 3 }),
      )
      .mockResolvedValueOnce(
        testAgendaPage([testAgendaIncident(), outage], { totalCount: 2 }),
      )
      .mockResolvedValueOnce(testAgendaPage([outage], { totalCount: 1 }));
    await renderPage(reviewUrl, 'user:default/dave', {
      getProcessReview: jest.fn().mockResolvedValue(review),
      listProcessReviewAgenda,
    });
    expect(await screen.findAllByTestId('agenda-item')).toHaveLength(2);
    expect(screen.queryByTestId('agenda-matches')).toBeNull();

    fireEvent.mouseDown(screen.getByRole('button', { name: /Discussed/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Not discussed yet' }),
    );
    expect(await screen.findByTestId('agenda-matches')).toHaveTextContent(
      '2 of 3 incidents match.',
    );
    expect(listProcessReviewAgenda).toHaveBeenLastCalledWith(review.id, {
      cursor: undefined,
      limit: 25,
      severities: [],
      discussed: false,
    });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(screen.getByRole('option', { name: 'SEV-1' }));
    await waitFor(() =>
      expect(screen.getByTestId('agenda-matches')).toHaveTextContent(
        '1 of 3 incidents match.',
      ),
    );
    expect(listProcessReviewAgenda).toHaveBeenLastCalledWith(review.id, {
      cursor: undefined,
      limit: 25,
      severities: ['SEV-1'],
      discussed: false,
    });
    expect(screen.getAllByTestId('agenda-item')).toHaveLength(1);
    expect(screen.getByTestId('agenda-item')).toHaveTextContent('Outage');
  });

  it('shows what other attendees save as they save it, keeping a draft in the field and saving it on the version it started from', async () => {
    const item = testAgendaIncident();
    const theirs = { ...item, notes: 'The pager app crashed', itemVersion: 1 };
    const getAgendaItem = jest
      .fn()
      .mockResolvedValueOnce(theirs)
      .mockResolvedValue({ ...theirs, notes: 'Rewritten', itemVersion: 2 });
    const getProcessReview = jest
      .fn()
      .mockResolvedValueOnce(testProcessReview())
      .mockResolvedValue(testProcessReview({ discussedCount: 1 }));
    const updateAgendaItem = jest.fn().mockRejectedValue(
      Object.assign(new Error('changed by someone else'), {
        response: { status: 409 },
      }),
    );
    const signals = fakeSignals();
    await renderPage(
      reviewUrl,
      'user:default/dave',
      { ...meetingApi(), getProcessReview, getAgendaItem, updateAgendaItem },
      AuthorizeResult.ALLOW,
      signals,
    );
    const card = await screen.findByTestId('agenda-item');
    const notes = await within(card).findByLabelText('Notes');
    const channel = `incident-followups:process-review:${reviewUrl.slice(1)}`;
    const changed = {
      reviewId: reviewUrl.slice(1),
      incidentId: item.incidentId,
      itemVersion: null,
    };

    await signals.send(channel, { ...changed });
    await waitFor(() => expect(notes).toHaveValue('The pager app crashed'));
    expect(getAgendaItem).toHaveBeenCalledWith(
      reviewUrl.slice(1),
      item.incidentId,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Agenda: 1 incident · 1 discussed',
      }),
    ).toBeInTheDocument();

    // A draft stays in the field when other notes arrive, and is saved on
    // the version it was written on: the notes saved meanwhile are not lost.
    await userEvent.type(notes, ', twice');
    await signals.send(channel, { ...changed });
    await waitFor(() => expect(getAgendaItem).toHaveBeenCalledTimes(2));
    expect(notes).toHaveValue('The pager app crashed, twice');
    await userEvent.tab();
    await waitFor(() =>
      expect(updateAgendaItem).toHaveBeenCalledWith(
        reviewUrl.slice(1),
        item.incidentId,
        { version: 1, notes: 'The pager app crashed, twice' },
      ),
    );
    expect(
      (
        await screen.findAllByText(
          /Someone else changed the same lines of the notes/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(notes).toHaveValue('The pager app crashed, twice');
  });

  it('merges notes saved meanwhile by someone else on other lines, and shows the merge', async () => {
    const item = testAgendaIncident();
    const theirs = { ...item, notes: 'The pager app crashed', itemVersion: 1 };
    const merged = 'The pager app crashed\nNobody paged the IC';
    const updateAgendaItem = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('changed by someone else'), {
          response: { status: 409 },
        }),
      )
      .mockResolvedValueOnce({ ...theirs, notes: merged, itemVersion: 2 });
    const getAgendaItem = jest.fn().mockResolvedValue(theirs);
    await renderPage(reviewUrl, 'user:default/dave', {
      ...meetingApi(),
      updateAgendaItem,
      getAgendaItem,
    });
    const card = await screen.findByTestId('agenda-item');
    const notes = await within(card).findByLabelText('Notes');

    await userEvent.type(notes, 'Nobody paged the IC');
    await userEvent.tab();
    await waitFor(() => expect(notes).toHaveValue(merged));
    expect(updateAgendaItem).toHaveBeenLastCalledWith(
      reviewUrl.slice(1),
      item.incidentId,
      { version: 1, notes: merged },
    );
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();
  });

  it('saves notes and discussed, showing the item answered without reading the agenda again', async () => {
    const item = testAgendaIncident();
    const noted = { ...item, notes: 'Nobody paged the IC', itemVersion: 1 };
    const updateAgendaItem = jest
      .fn()
      .mockResolvedValueOnce(noted)
      .mockResolvedValueOnce({ ...noted, discussed: true, itemVersion: 2 });
    const getProcessReview = jest
      .fn()
      .mockResolvedValueOnce(testProcessReview())
      .mockResolvedValue(testProcessReview({ discussedCount: 1 }));
    const getAgendaItem = jest.fn().mockResolvedValue({
      ...noted,
      discussed: true,
      notes: 'Nobody paged the IC, twice',
      itemVersion: 3,
    });
    const api = {
      ...meetingApi(),
      getProcessReview,
      updateAgendaItem,
      getAgendaItem,
    };
    const signals = fakeSignals();
    await renderPage(
      reviewUrl,
      'user:default/dave',
      api,
      AuthorizeResult.ALLOW,
      signals,
    );
    const card = await screen.findByTestId('agenda-item');

    await userEvent.type(
      await within(card).findByLabelText('Notes'),
      'Nobody paged the IC',
    );
    await userEvent.tab();
    expect(updateAgendaItem).toHaveBeenCalledWith(
      reviewUrl.slice(1),
      item.incidentId,
      { version: 0, notes: 'Nobody paged the IC' },
    );
    await waitFor(() => expect(updateAgendaItem).toHaveBeenCalledTimes(1));
    // Notes leave the count of incidents discussed as it was.
    expect(getProcessReview).toHaveBeenCalledTimes(1);

    const discussed = within(card).getByRole('checkbox', { name: 'Discussed' });
    await waitFor(() => expect(discussed).toBeEnabled());
    await userEvent.click(discussed);
    // Based on the version the notes answered: the item shown is theirs.
    expect(updateAgendaItem).toHaveBeenLastCalledWith(
      reviewUrl.slice(1),
      item.incidentId,
      { version: 1, discussed: true },
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Agenda: 1 incident · 1 discussed',
      }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('checkbox', { name: 'Discussed' }),
    ).toBeChecked();
    expect(within(card).getByLabelText('Notes')).toHaveValue(
      'Nobody paged the IC',
    );
    expect(getProcessReview).toHaveBeenCalledTimes(2);
    expect(api.listProcessReviewAgenda).toHaveBeenCalledTimes(1);

    // The page's own saves come back as signals: nothing is read again.
    const channel = `incident-followups:process-review:${reviewUrl.slice(1)}`;
    for (const itemVersion of ['1', '2']) {
      await signals.send(channel, {
        reviewId: reviewUrl.slice(1),
        incidentId: item.incidentId,
        itemVersion,
      });
    }
    expect(getAgendaItem).not.toHaveBeenCalled();
    expect(getProcessReview).toHaveBeenCalledTimes(2);
    // Someone else's save is read.
    await signals.send(channel, {
      reviewId: reviewUrl.slice(1),
      incidentId: item.incidentId,
      itemVersion: '3',
    });
    await waitFor(() =>
      expect(within(card).getByLabelText('Notes')).toHaveValue(
        'Nobody paged the IC, twice',
      ),
    );
    expect(getProcessReview).toHaveBeenCalledTimes(3);
  });

  it('lets anyone else ask to join, but not decide nor write where the policy says no', async () => {
    const requestToJoin = jest.fn().mockResolvedValue({});
    // Another meeting: usePermission caches each meeting's answer.
    const review = testProcessReview({
      id: '5e000000-0002-4000-8000-000000000002',
    });
    await renderPage(
      `/${review.id}`,
      'user:default/guest',
      { ...meetingApi(review), requestToJoin },
      AuthorizeResult.DENY,
    );
    await screen.findByTestId('agenda-item');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByLabelText('Decision')).toBeNull();
    expect(screen.queryByLabelText('Notes')).toBeNull();
    expect(screen.getByText('pending')).toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Why you would like to join (optional)'),
      'I am on call next month',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Ask to join' }));
    expect(requestToJoin).toHaveBeenCalledWith(
      review.id,
      'I am on call next month',
    );
  });

  it('says how many items are carried over when it shows only the oldest', async () => {
    const review = testProcessReview({
      id: '5e000000-0003-4000-8000-000000000003',
      carriedOverCount: 7_900,
    });
    await renderPage(`/${review.id}`, 'user:default/dave', meetingApi(review));
    expect(
      await screen.findByText(
        'The 1 oldest of 7,900 process action items still open from earlier incidents',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('process-item')).toHaveLength(1);
  });

  it('records a decision as a followup with an owner, and reads that agenda item again for its process items', async () => {
    const review = testProcessReview();
    const { incidentId } = testAgendaIncident();
    const recordDecision = jest.fn().mockResolvedValue(
      testProcessReview({
        decisions: [
          {
            id: 'd-1',
            incidentId,
            text: 'Name the IC in the first page',
            followupId: 'f-9',
            createdBy: 'user:default/dave',
            createdAt: '2026-11-29T15:30:00.000Z',
          },
        ],
      }),
    );
    const getAgendaItem = jest.fn().mockResolvedValue(
      testAgendaIncident({
        processItems: [
          {
            followupId: 'f-9',
            incidentId,
            incidentTitle: 'Checkout failing for card payments',
            title: 'Name the IC in the first page',
            ownerRef: 'user:default/alice',
            status: 'open',
            dueAt: null,
          },
        ],
      }),
    );
    const api = { ...meetingApi(review), recordDecision, getAgendaItem };
    await renderPage(reviewUrl, 'user:default/dave', api);
    const item = await screen.findByTestId('agenda-item');
    await userEvent.type(
      await within(item).findByLabelText('Decision'),
      'Name the IC in the first page',
    );
    await userEvent.click(within(item).getByLabelText('Make it a followup'));
    await userEvent.type(within(item).getByLabelText('Owner'), 'Alice');
    await userEvent.click(
      await screen.findByRole('option', { name: /Alice Johnson/ }),
    );
    await userEvent.click(
      within(item).getByRole('button', { name: 'Record decision' }),
    );
    expect(recordDecision).toHaveBeenCalledWith(review.id, {
      incidentId,
      text: 'Name the IC in the first page',
      followup: { ownerRef: 'user:default/alice', dueAt: null },
    });
    expect(await within(item).findByTestId('decision')).toHaveTextContent(
      'Name the IC in the first page (followup)',
    );
    expect(await within(item).findByTestId('process-item')).toHaveTextContent(
      'Name the IC in the first page',
    );
    expect(getAgendaItem).toHaveBeenCalledWith(review.id, incidentId);
    expect(api.listProcessReviewAgenda).toHaveBeenCalledTimes(1);
    expect(within(item).getByLabelText('Decision')).toHaveValue('');
  });

  it('records a decision without a followup without reading the agenda item again', async () => {
    const review = testProcessReview();
    const { incidentId } = testAgendaIncident();
    const recordDecision = jest.fn().mockResolvedValue(
      testProcessReview({
        decisions: [
          {
            id: 'd-2',
            incidentId,
            text: 'Keep the rota as it is',
            followupId: null,
            createdBy: 'user:default/dave',
            createdAt: '2026-11-29T15:40:00.000Z',
          },
        ],
      }),
    );
    const getAgendaItem = jest.fn();
    await renderPage(reviewUrl, 'user:default/dave', {
      ...meetingApi(review),
      recordDecision,
      getAgendaItem,
    });
    const item = await screen.findByTestId('agenda-item');
    await userEvent.type(
      await within(item).findByLabelText('Decision'),
      'Keep the rota as it is',
    );
    await userEvent.click(
      within(item).getByRole('button', { name: 'Record decision' }),
    );
    expect(await within(item).findByTestId('decision')).toHaveTextContent(
      'Keep the rota as it is',
    );
    expect(getAgendaItem).not.toHaveBeenCalled();
  });
});
