import Button from '@material-ui/core/Button';
import { CursorPages } from './useCursorPages';

/** Under a list shown in parts: shows the next part, saying how many are left. */
export function ShowMoreButton(props: {
  label: string;
  remaining: number;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="outlined"
      disabled={props.disabled}
      onClick={props.onClick}
      style={{ marginTop: 16 }}
    >
      {props.label} ({props.remaining} more)
    </Button>
  );
}

/** Under a list read a page at a time: reads the next page, saying how many are left. */
export function MorePagesButton<T>(props: {
  pages: CursorPages<T>;
  label: string;
}) {
  const { pages, label } = props;
  if (!pages.nextCursor) return null;
  return (
    <ShowMoreButton
      label={label}
      remaining={pages.totalCount - pages.items.length}
      disabled={pages.loading}
      onClick={pages.loadMore}
    />
  );
}
