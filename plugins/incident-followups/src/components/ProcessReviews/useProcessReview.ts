import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  AgendaIncident,
  ProcessReview,
  ProcessReviewChangedSignal,
  processReviewSignalChannel,
} from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  IncidentFollowupsApi,
  incidentFollowupsApiRef,
} from '../../api/IncidentFollowupsApi';
import { useCursorPages } from '../useCursorPages';
import { AgendaFilters } from './AgendaFiltersBar';
import { DecisionDraft } from './DecisionForm';
import { AgendaChanges, saveAgendaChanges } from './saveAgendaChanges';

/** Agenda incidents read at first and per "show more": a busy period resolves thousands. */
const AGENDA_PAGE_SIZE = 25;

/**
 * A process review, its agenda read a page at a time, and the changes the
 * meeting makes to them: each shows what it answers, and reads again only
 * what it changed besides.
 */
export function useProcessReview(id: string) {
  const api = useApi(incidentFollowupsApiRef);
  const [review, setReview] = useState<ProcessReview>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [agendaFilters, setAgendaFilters] = useState<AgendaFilters>({
    severities: [],
  });
  const agenda = useCursorPages(
    useCallback(
      (cursor?: string) =>
        api.listProcessReviewAgenda(id, {
          cursor,
          limit: AGENDA_PAGE_SIZE,
          ...agendaFilters,
        }),
      [api, id, agendaFilters],
    ),
  );

  const readReview = useCallback(async () => {
    setReview(await api.getProcessReview(id));
  }, [api, id]);

  useEffect(() => {
    readReview().then(
      () => setError(undefined),
      e => setError(e),
    );
  }, [readReview]);

  /** Runs a task, busy meanwhile, showing its error; answers whether it succeeded. */
  const run = useCallback(async (task: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await task();
      setError(undefined);
      return true;
    } catch (e) {
      setError(e as Error);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  /** A change that answers something else than the review: the review is read again. */
  const change = useCallback(
    (task: (a: IncidentFollowupsApi) => Promise<unknown>) =>
      run(async () => {
        await task(api);
        await readReview();
      }),
    [api, run, readReview],
  );

  const { replace } = agenda;
  const showAgendaItem = useCallback(
    (item: AgendaIncident) =>
      replace(shown => shown.incidentId === item.incidentId, item),
    [replace],
  );

  // Other attendees change the meeting too: show their notes, marks,
  // decisions and requests as they save them, the agenda item they changed
  // only when it is shown. A save of this page's own comes back as a signal
  // too, and shows nothing new.
  const shownItems = useRef(agenda.items);
  shownItems.current = agenda.items;
  const ownSaves = useRef(new Set<string>());
  const { lastSignal } = useSignal<ProcessReviewChangedSignal>(
    processReviewSignalChannel(id),
  );
  useEffect(() => {
    if (!lastSignal) return;
    const { incidentId, itemVersion } = lastSignal;
    if (
      itemVersion &&
      ownSaves.current.delete(`${incidentId}@${itemVersion}`)
    ) {
      return;
    }
    const shown = shownItems.current.some(i => i.incidentId === incidentId);
    Promise.all([
      readReview(),
      incidentId && shown
        ? api.getAgendaItem(id, incidentId).then(showAgendaItem)
        : undefined,
    ]).catch(e => setError(e));
  }, [lastSignal, api, id, readReview, showAgendaItem]);

  /** Answers the item saved, or nothing when it was not (the error is shown). */
  const saveAgendaItem = useCallback(
    async (item: AgendaIncident, changes: AgendaChanges) => {
      let saved: AgendaIncident | undefined;
      await run(async () => {
        saved = await saveAgendaChanges(api, id, item, changes);
        ownSaves.current.add(`${saved.incidentId}@${saved.itemVersion}`);
        showAgendaItem(saved);
        // The header counts the incidents discussed.
        if (changes.discussed !== undefined) await readReview();
      });
      return saved;
    },
    [api, id, run, showAgendaItem, readReview],
  );

  const recordDecision = useCallback(
    async (incidentId: string | null, draft: DecisionDraft) => {
      const recorded = await run(async () =>
        setReview(await api.recordDecision(id, { incidentId, ...draft })),
      );
      // The followup is one of the incident's process items now. Read apart
      // from the decision: a decision recorded is not to be recorded again.
      if (recorded && incidentId && draft.followup) {
        await run(async () =>
          showAgendaItem(await api.getAgendaItem(id, incidentId)),
        );
      }
      return recorded;
    },
    [api, id, run, showAgendaItem],
  );

  return {
    api,
    review,
    agenda,
    agendaFilters,
    setAgendaFilters,
    error,
    busy,
    run,
    change,
    saveAgendaItem,
    recordDecision,
  };
}
