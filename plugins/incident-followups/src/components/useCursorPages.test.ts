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

  it('replaces an item shown in place, without reading the pages again, and keeps it when the next page comes', async () => {
    const fetchPage = jest
      .fn()
      .mockResolvedValueOnce(page(['a', 'b'], 'after-b'))
      .mockResolvedValueOnce(page(['c'], null));
    const { result } = renderHook(() => useCursorPages(fetchPage));
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));

    act(() => result.current.replace(shown => shown === 'b', 'B'));
    expect(result.current).toMatchObject({
      items: ['a', 'B'],
      totalCount: 3,
      nextCursor: 'after-b',
      loading: false,
    });
    expect(fetchPage).toHaveBeenCalledTimes(1);

    act(() => result.current.replace(shown => shown === 'x', 'X'));
    expect(result.current.items).toEqual(['a', 'B']);

    await act(async () => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(['a', 'B', 'c']));
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

  it('drops a page of the list shown before when a new list has started', async () => {
    let arriveLate: (p: ReturnType<typeof page>) => void = () => {};
    const before = jest
      .fn()
      .mockResolvedValueOnce(page(['a'], 'after-a'))
      .mockReturnValueOnce(
        new Promise(resolve => {
          arriveLate = resolve;
        }),
      );
    const after = jest.fn().mockResolvedValue(page(['x'], null));
    const { result, rerender } = renderHook(
      ({ fetchPage }) => useCursorPages(fetchPage),
      { initialProps: { fetchPage: before } },
    );
    await waitFor(() => expect(result.current.items).toEqual(['a']));
    act(() => result.current.loadMore());

    rerender({ fetchPage: after });
    await waitFor(() => expect(result.current.items).toEqual(['x']));
    await act(async () => arriveLate(page(['b'], null)));
    expect(result.current).toMatchObject({
      items: ['x'],
      nextCursor: null,
      loading: false,
    });
  });
});
