import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  incidentSignalChannel,
  Postmortem,
} from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { incidentFollowupsApiRef } from '../../api';
import {
  draftChanges,
  DraftConflict,
  DraftField,
  mergeDrafts,
  PostmortemDraft,
  toDraft,
  withField,
} from './postmortemDraft';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

const AUTOSAVE_DELAY_MS = 1000;

/**
 * An incident's post-mortem in an editor: edits autosave after a pause, each save
 * carries the version it is based on, and a newer save by someone else (a 409, or
 * a signal) is merged field by field; fields both changed wait for the user.
 */
export function usePostmortemEditor(incidentId: string) {
  const api = useApi(incidentFollowupsApiRef);
  const [postmortem, setPostmortem] = useState<Postmortem | null>();
  const [draft, setDraft] = useState<PostmortemDraft>();
  const [conflicts, setConflicts] = useState<DraftConflict[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [error, setError] = useState<Error>();
  const [loadError, setLoadError] = useState<Error>();
  const latest = useRef<{
    postmortem?: Postmortem | null;
    draft?: PostmortemDraft;
  }>({});
  latest.current = { postmortem, draft };
  const saving = useRef(false);

  /** Takes a newer post-mortem from the server, keeping this editor's unsaved edits. */
  const absorb = useCallback((newer: Postmortem) => {
    const { postmortem: base, draft: mine } = latest.current;
    if (!base || !mine) {
      setPostmortem(newer);
      setDraft(toDraft(newer));
      return;
    }
    const merged = mergeDrafts(toDraft(base), mine, toDraft(newer));
    setPostmortem(newer);
    setDraft(merged.merged);
    setConflicts(merged.conflicts);
    if (merged.conflicts.length > 0) setSaveState('conflict');
  }, []);

  const reload = useCallback(async () => {
    try {
      const loaded = await api.getPostmortem(incidentId);
      setLoadError(undefined);
      if (loaded) absorb(loaded);
      else setPostmortem(null);
    } catch (e) {
      setLoadError(e as Error);
    }
  }, [api, incidentId, absorb]);

  useEffect(() => {
    reload();
  }, [reload]);

  const { lastSignal } = useSignal(incidentSignalChannel(incidentId));
  useEffect(() => {
    if (lastSignal && !saving.current) reload();
  }, [lastSignal, reload]);

  const save = useCallback(async () => {
    const { postmortem: base, draft: mine } = latest.current;
    if (!base || !mine || saving.current) return;
    const changes = draftChanges(toDraft(base), mine);
    if (!changes) {
      setSaveState('saved');
      return;
    }
    saving.current = true;
    setSaveState('saving');
    try {
      const saved = await api.updatePostmortem(base.id, {
        version: base.version,
        ...changes,
      });
      setPostmortem(saved);
      setError(undefined);
      const stillDirty = draftChanges(toDraft(saved), latest.current.draft!);
      setSaveState(stillDirty ? 'unsaved' : 'saved');
    } catch (e) {
      if ((e as ResponseError).response?.status === 409) {
        const newer = await api.getPostmortem(incidentId);
        if (newer) absorb(newer);
        setSaveState(s => (s === 'conflict' ? s : 'unsaved'));
      } else {
        setError(e as Error);
        setSaveState('error');
      }
    } finally {
      saving.current = false;
    }
  }, [api, incidentId, absorb]);

  // Autosave after a pause in typing, unless a conflict waits for the user.
  useEffect(() => {
    if (!postmortem || !draft || conflicts.length > 0) return undefined;
    if (!draftChanges(toDraft(postmortem), draft)) return undefined;
    setSaveState(s => (s === 'saving' ? s : 'unsaved'));
    const timer = setTimeout(save, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [postmortem, draft, conflicts, save]);

  const edit = useCallback((field: DraftField, value: unknown) => {
    setDraft(d => (d ? withField(d, field, value) : d));
  }, []);

  const resolveConflict = useCallback(
    (field: DraftField, keep: 'mine' | 'theirs') => {
      setConflicts(current => {
        const conflict = current.find(c => c.field === field);
        if (conflict && keep === 'theirs') {
          setDraft(d => (d ? withField(d, field, conflict.theirs) : d));
        }
        const rest = current.filter(c => c.field !== field);
        if (rest.length === 0) setSaveState('unsaved');
        return rest;
      });
    },
    [],
  );

  /** Runs an action that answers with the post-mortem (a transition, the status page...). */
  const act = useCallback(
    async (action: (current: Postmortem) => Promise<Postmortem>) => {
      const current = latest.current.postmortem;
      if (!current) return;
      try {
        absorb(await action(current));
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      }
    },
    [absorb],
  );

  return {
    api,
    postmortem,
    draft,
    conflicts,
    saveState,
    error,
    loadError,
    edit,
    resolveConflict,
    act,
    reload,
    setPostmortem: absorb,
  };
}
