import Button from '@material-ui/core/Button';

/** Followups shown at first and per "Show more": a long backlog must not hold up the page. */
export const FOLLOWUPS_PER_PAGE = 50;

/** "Show 50 more of 1,667": the next page of a long followup list. */
export function ShowMoreButton(props: {
  left: number;
  onClick: () => void;
  busy?: boolean;
}) {
  const more = Math.min(FOLLOWUPS_PER_PAGE, props.left);
  if (more <= 0) return null;
  return (
    <Button variant="outlined" disabled={props.busy} onClick={props.onClick}>
      Show {more} more of {props.left}
    </Button>
  );
}
