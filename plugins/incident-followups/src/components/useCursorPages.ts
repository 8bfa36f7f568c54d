import { Page } from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface CursorPages<T> {
  items: T[];
  totalCount: number;
  nextCursor: string | null;
  loading: boolean;
  error?: Error;
  /** Reads the first page again, in place of those shown. */
  reload: () => void;
  /** Appends the page after the last one shown. */
  loadMore: () => void;
  /** Shows `item` in place of the one shown that `matches`, as a change answered it, without reading the pages again. */
  replace: (matches: (shown: T) => boolean, item: T) => void;
}

/**
 * A list read a page at a time: the first page whenever `fetchPage` changes,
 * the next ones appended on demand.
 */
export function useCursorPages<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
): CursorPages<T> {
  const [state, setState] = useState<
    Omit<CursorPages<T>, 'reload' | 'loadMore' | 'replace'>
  >({ items: [], totalCount: 0, nextCursor: null, loading: true });

  // A first page starts the list again: pages asked for before it are dropped
  // when they arrive, so a list is never extended with another one's rows.
  const listShown = useRef(0);
  const load = useCallback(
    async (cursor?: string) => {
      if (!cursor) listShown.current += 1;
      const list = listShown.current;
      setState(previous => ({ ...previous, loading: true, error: undefined }));
      try {
        const page = await fetchPage(cursor);
        if (list !== listShown.current) return;
        setState(previous => ({
          items: cursor ? [...previous.items, ...page.items] : page.items,
          totalCount: page.totalCount,
          nextCursor: page.nextCursor,
          loading: false,
        }));
      } catch (error) {
        if (list !== listShown.current) return;
        setState(previous => ({
          ...previous,
          loading: false,
          error: error as Error,
        }));
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    load();
  }, [load]);

  const { nextCursor } = state;
  return {
    ...state,
    reload: useCallback(() => {
      load();
    }, [load]),
    loadMore: useCallback(() => {
      if (nextCursor) load(nextCursor);
    }, [load, nextCursor]),
    replace: useCallback((matches: (shown: T) => boolean, item: T) => {
      setState(previous => ({
        ...previous,
        items: previous.items.map(shown => (matches(shown) ? item : shown)),
      }));
    }, []),
  };
}
