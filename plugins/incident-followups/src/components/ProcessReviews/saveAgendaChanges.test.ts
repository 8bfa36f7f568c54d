import { AgendaIncident } from '@incident-followups/plugin-incident-followups-common';
import { IncidentFollowupsApi } from '../../api/IncidentFollowupsApi';
import { testAgendaIncident } from '../../testProcessReview';
import { saveAgendaChanges } from './saveAgendaChanges';

const REVIEW = '5e000000-0001-4000-8000-000000000001';

function conflict(): Error {
  return Object.assign(new Error('changed by someone else'), {
    response: { status: 409 },
  });
}

/**
 * An API whose first saves answer `first` (an item, an error, or errors one
 * save after the other), then save on any version; reads answer `current`
 * (items one read after the other, the last one from then on).
 */
function apiWith(
  first: AgendaIncident | Error | Error[],
  current: AgendaIncident | AgendaIncident[],
) {
  const reads = [current].flat();
  const latest = reads[reads.length - 1];
  const updateAgendaItem = jest.fn();
  for (const answer of [first].flat()) {
    updateAgendaItem.mockImplementationOnce(async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    });
  }
  updateAgendaItem.mockImplementation(async (_id, _incidentId, request) => ({
    ...latest,
    ...request,
    itemVersion: request.version + 1,
  }));
  const getAgendaItem = jest.fn().mockResolvedValue(latest);
  for (const read of reads) getAgendaItem.mockResolvedValueOnce(read);
  return {
    api: { updateAgendaItem, getAgendaItem } as unknown as IncidentFollowupsApi,
    updateAgendaItem,
    getAgendaItem,
  };
}

describe('saveAgendaChanges', () => {
  const shown = testAgendaIncident({
    notes: 'Paging was slow',
    itemVersion: 3,
  });

  it('saves on the version shown', async () => {
    const saved = { ...shown, notes: 'Paging took 9 minutes', itemVersion: 4 };
    const { api, updateAgendaItem, getAgendaItem } = apiWith(saved, shown);
    await expect(
      saveAgendaChanges(api, REVIEW, shown, { notes: saved.notes }),
    ).resolves.toBe(saved);
    expect(updateAgendaItem).toHaveBeenCalledWith(REVIEW, shown.incidentId, {
      version: 3,
      notes: 'Paging took 9 minutes',
    });
    expect(getAgendaItem).not.toHaveBeenCalled();
  });

  it("saves notes again on the version of someone else's Discussed mark", async () => {
    const marked = { ...shown, discussed: true, itemVersion: 4 };
    const { api, updateAgendaItem } = apiWith(conflict(), marked);
    const saved = await saveAgendaChanges(api, REVIEW, shown, {
      notes: 'Paging took 9 minutes',
    });
    expect(updateAgendaItem).toHaveBeenLastCalledWith(
      REVIEW,
      shown.incidentId,
      { version: 4, notes: 'Paging took 9 minutes' },
    );
    expect(saved).toMatchObject({
      notes: 'Paging took 9 minutes',
      discussed: true,
      itemVersion: 5,
    });
  });

  it("marks Discussed again on the version of someone else's notes", async () => {
    const noted = { ...shown, notes: 'Theirs', itemVersion: 4 };
    const { api, updateAgendaItem } = apiWith(conflict(), noted);
    await saveAgendaChanges(api, REVIEW, shown, { discussed: true });
    expect(updateAgendaItem).toHaveBeenLastCalledWith(
      REVIEW,
      shown.incidentId,
      { version: 4, discussed: true },
    );
  });

  it('saves again when someone else saved the same notes', async () => {
    const same = { ...shown, notes: 'Paging took 9 minutes', itemVersion: 4 };
    const { api, updateAgendaItem } = apiWith(conflict(), same);
    await saveAgendaChanges(api, REVIEW, shown, {
      notes: 'Paging took 9 minutes',
    });
    expect(updateAgendaItem).toHaveBeenCalledTimes(2);
  });

  it('merges notes both wrote on other lines, and saves them on their version', async () => {
    const theirs = {
      ...shown,
      notes: 'Paging was slow\nThe pager app crashed',
      itemVersion: 4,
    };
    const { api, updateAgendaItem } = apiWith(conflict(), theirs);
    const saved = await saveAgendaChanges(api, REVIEW, shown, {
      notes: 'Paging was slow\nThe IC was not paged',
      discussed: true,
    });
    expect(updateAgendaItem).toHaveBeenLastCalledWith(
      REVIEW,
      shown.incidentId,
      {
        version: 4,
        discussed: true,
        notes: 'Paging was slow\nThe pager app crashed\nThe IC was not paged',
      },
    );
    expect(saved.itemVersion).toBe(5);
  });

  it('refuses to overwrite the same lines changed meanwhile, and says the draft is kept in the field', async () => {
    const theirs = { ...shown, notes: 'The pager app crashed', itemVersion: 4 };
    const { api, updateAgendaItem } = apiWith(conflict(), theirs);
    await expect(
      saveAgendaChanges(api, REVIEW, shown, { notes: 'Paging took 9 minutes' }),
    ).rejects.toThrow(
      `Someone else changed the same lines of the notes on "${shown.title}" while you wrote yours. Yours are not saved: they are still in the field`,
    );
    expect(updateAgendaItem).toHaveBeenCalledTimes(1);
  });

  it('merges again when a third attendee saved while the merge was saved, and gives up after 3 attempts', async () => {
    const second = {
      ...shown,
      notes: 'Paging was slow\nSecond',
      itemVersion: 4,
    };
    const third = {
      ...shown,
      notes: 'Paging was slow\nSecond\nThird',
      itemVersion: 5,
    };
    const { api, updateAgendaItem } = apiWith(
      [conflict(), conflict()],
      [second, third],
    );
    const saved = await saveAgendaChanges(api, REVIEW, shown, {
      notes: 'Paging was slow\nMine',
    });
    expect(updateAgendaItem).toHaveBeenLastCalledWith(
      REVIEW,
      shown.incidentId,
      { version: 5, notes: 'Paging was slow\nSecond\nThird\nMine' },
    );
    expect(saved.itemVersion).toBe(6);

    const refusing = apiWith([conflict(), conflict(), conflict()], third);
    await expect(
      saveAgendaChanges(refusing.api, REVIEW, shown, { discussed: true }),
    ).rejects.toThrow('changed by someone else');
    expect(refusing.updateAgendaItem).toHaveBeenCalledTimes(3);
  });

  it('passes on any other error', async () => {
    const failure = Object.assign(new Error('Request failed with 500'), {
      response: { status: 500 },
    });
    const { api, getAgendaItem } = apiWith(failure, shown);
    await expect(
      saveAgendaChanges(api, REVIEW, shown, { discussed: true }),
    ).rejects.toBe(failure);
    expect(getAgendaItem).not.toHaveBeenCalled();
  });
});
