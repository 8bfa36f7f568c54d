import { Page } from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A list whose first page came with something else (an overview), and whose
 * next pages are read on demand from its cursor. A new first page starts the
 * list again: pages asked for before it are dropped when they arrive.
 */
export function useLaterPages<T>(
  first: { items: T[]; nextCursor: string | null },
  fetchPage: (cursor: string) => Promise<Page<T>>,
) {
  const [later, setLater] = useState<{
    items: T[];
    nextCursor: string | null;
  }>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  const shown = useRef(first);

  useEffect(() => {
    shown.current = first;
    setLater(undefined);
    setLoading(false);
    setError(undefined);
  }, [first]);

  const nextCursor = later ? later.nextCursor : first.nextCursor;
  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const list = shown.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchPage(nextCursor);
      if (list !== shown.current) return;
      setLater(previous => ({
        items: [...(previous?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (e) {
      if (list === shown.current) setError(e as Error);
    } finally {
      if (list === shown.current) setLoading(false);
    }
  }, [fetchPage, nextCursor]);

  return {
    items: later ? [...first.items, ...later.items] : first.items,
    nextCursor,
    loading,
    error,
    loadMore,
  };
}
