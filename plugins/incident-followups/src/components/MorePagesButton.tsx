import Button from '@material-ui/core/Button';
import { CursorPages } from './useCursorPages';

/** Under a list read a page at a time: reads the next page, saying how many are left. */
export function MorePagesButton(props: {
  pages: CursorPages<unknown>;
  label: string;
}) {
  const { pages, label } = props;
  if (!pages.nextCursor) return null;
  return (
    <Button
      variant="outlined"
      disabled={pages.loading}
      onClick={pages.loadMore}
      style={{ marginTop: 16 }}
    >
      {label} ({pages.totalCount - pages.items.length} more)
    </Button>
  );
}
