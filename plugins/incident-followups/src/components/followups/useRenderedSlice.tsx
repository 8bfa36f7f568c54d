import Button from '@material-ui/core/Button';
import { ReactNode, useState } from 'react';

/** Followups rendered at first and per "Show more": a long backlog must not hold up the page. */
export const FOLLOWUPS_PER_PAGE = 50;

/** The first items of a long list, and a button that renders the next ones. */
export function useRenderedSlice<T>(items: T[]): {
  visible: T[];
  showMore: ReactNode;
} {
  const [rendered, setRendered] = useState(FOLLOWUPS_PER_PAGE);
  const visible = items.slice(0, rendered);
  const left = items.length - visible.length;
  const more = Math.min(FOLLOWUPS_PER_PAGE, left);
  return {
    visible,
    showMore:
      more > 0 ? (
        <Button
          variant="outlined"
          onClick={() => setRendered(rendered + FOLLOWUPS_PER_PAGE)}
        >
          Show {more} more of {left}
        </Button>
      ) : null,
  };
}
