import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  AgendaIncident,
  ProcessReview,
} from '@incident-followups/plugin-incident-followups-common';
import Typography from '@material-ui/core/Typography';
import { MorePagesButton } from '../MorePagesButton';
import { CursorPages } from '../useCursorPages';
import { AgendaFilters, AgendaFiltersBar } from './AgendaFiltersBar';
import { AgendaItemCard } from './AgendaItemCard';
import { AgendaChanges } from './saveAgendaChanges';
import { DecisionDraft } from './DecisionForm';

function agendaHeading(review: ProcessReview): string {
  const count = review.agendaCount.toLocaleString('en-US');
  const incidents = `${count} incident${review.agendaCount === 1 ? '' : 's'}`;
  if (review.agendaCount === 0) return `Agenda: ${incidents}`;
  return `Agenda: ${incidents} · ${review.discussedCount.toLocaleString(
    'en-US',
  )} discussed`;
}

function isFiltered(filters: AgendaFilters): boolean {
  return filters.severities.length > 0 || filters.discussed !== undefined;
}

/** The incidents resolved in the review's period, a page at a time, each with its notes and decisions. */
export function Agenda(props: {
  review: ProcessReview;
  pages: CursorPages<AgendaIncident>;
  filters: AgendaFilters;
  onFilter: (filters: AgendaFilters) => void;
  busy: boolean;
  /** Answers the item saved, or nothing when it was not. */
  onChange: (
    item: AgendaIncident,
    changes: AgendaChanges,
  ) => Promise<AgendaIncident | undefined>;
  onDecide: (incidentId: string, decision: DecisionDraft) => Promise<boolean>;
}) {
  const { review, pages } = props;
  return (
    <>
      <Typography variant="h5" gutterBottom>
        {agendaHeading(review)}
      </Typography>
      {review.agendaCount === 0 ? (
        <EmptyState
          missing="data"
          title="No incident in the period"
          description="No incident was resolved in the period this meeting covers."
        />
      ) : (
        <>
          <AgendaFiltersBar filters={props.filters} onChange={props.onFilter} />
          {isFiltered(props.filters) && !pages.loading && (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="agenda-matches"
              gutterBottom
            >
              {pages.totalCount === 0
                ? 'No incident on the agenda matches these filters.'
                : `${pages.totalCount.toLocaleString(
                    'en-US',
                  )} of ${review.agendaCount.toLocaleString(
                    'en-US',
                  )} incidents match.`}
            </Typography>
          )}
          {pages.items.map(item => (
            <AgendaItemCard
              key={item.incidentId}
              reviewId={review.id}
              item={item}
              decisions={review.decisions.filter(
                d => d.incidentId === item.incidentId,
              )}
              busy={props.busy}
              onChange={(changes, base) =>
                props.onChange(base ?? item, changes)
              }
              onDecide={decision => props.onDecide(item.incidentId, decision)}
            />
          ))}
          {pages.loading && pages.items.length === 0 && <Progress />}
          {pages.error && <ResponseErrorPanel error={pages.error} />}
          <MorePagesButton pages={pages} label="Show more incidents" />
        </>
      )}
    </>
  );
}
