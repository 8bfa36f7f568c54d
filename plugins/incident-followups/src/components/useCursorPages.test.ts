import { act, renderHook, waitFor } from '@testing-library/react';
import { useCursorPages } from './useCursorPages';

const page = (items: string[], nextCursor: string | null) => ({
  items,
  nextCursor,
  totalCount: 3,
});

describe('useCursorPages', () => {
  it('reads the first page, appends the next one, and reads the first again on reload', async () => {
    const fetchPage = jest
      .fn()
      .mockResolvedValueOnce(page(['a', 'b'], 'after-b'))
      .mockResolvedValueOnce(page(['c'], null))
      .mockResolvedValueOnce(page(['a', 'b'], 'after-b'));
    const { result } = renderHook(() => useCursorPages(fetchPage));
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(result.current).toMatchObject({
      totalCount: 3,
      nextCursor: 'after-b',
      loading: false,
    });

    await act(async () => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b', 'c']));
    expect(fetchPage).toHaveBeenLastCalledWith('after-b');
    expect(result.current.nextCursor).toBeNull();

    await act(async () => result.current.reload());
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(fetchPage).toHaveBeenLastCalledWith(undefined);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it('keeps the pages shown when the next one fails, with the error', async () => {
    const fetchPage = jest
      .fn()
      .mockResolvedValueOnce(page(['a'], 'after-a'))
      .mockRejectedValueOnce(new Error('backend down'));
    const { result } = renderHook(() => useCursorPages(fetchPage));
    await waitFor(() => expect(result.current.items).toEqual(['a']));

    await act(async () => result.current.loadMore());
    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend down'),
    );
    expect(result.current).toMatchObject({
      items: ['a'],
      nextCursor: 'after-a',
      loading: false,
    });
  });
});
