import {
  INCIDENT_STATUSES,
  IncidentStatus,
  SEVERITIES,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { DateTime } from 'luxon';

/** The periods a list can be narrowed to, counted back from now. */
export const PERIODS = {
  all: { label: 'Any time' },
  '30d': { label: 'Last 30 days', days: 30 },
  '90d': { label: 'Last 90 days', days: 90 },
  '365d': { label: 'Last 12 months', days: 365 },
} as const;

export type Period = keyof typeof PERIODS;

export interface IncidentFilterValues {
  statuses: IncidentStatus[];
  severities: Severity[];
  period: Period;
}

export function periodStart(
  period: Period,
  now: Date = new Date(),
): string | undefined {
  const definition = PERIODS[period];
  return 'days' in definition
    ? DateTime.fromJSDate(now).minus({ days: definition.days }).toUTC().toISO()!
    : undefined;
}

const STATUS_LABELS: Record<IncidentStatus, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/** Status, severity and period pickers above an incident list. */
export function IncidentFilters(props: {
  value: IncidentFilterValues;
  onChange: (value: IncidentFilterValues) => void;
}) {
  const { value, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
        <InputLabel id="incident-filter-status-label">Status</InputLabel>
        <Select
          labelId="incident-filter-status-label"
          id="incident-filter-status"
          label="Status"
          multiple
          value={value.statuses}
          renderValue={selected =>
            (selected as IncidentStatus[])
              .map(s => STATUS_LABELS[s])
              .join(', ') || 'All'
          }
          onChange={e =>
            onChange({ ...value, statuses: e.target.value as IncidentStatus[] })
          }
        >
          {INCIDENT_STATUSES.map(status => (
            <MenuItem key={status} value={status}>
              {STATUS_LABELS[status]}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
        <InputLabel id="incident-filter-severity-label">Severity</InputLabel>
        <Select
          labelId="incident-filter-severity-label"
          id="incident-filter-severity"
          label="Severity"
          multiple
          value={value.severities}
          renderValue={selected => (selected as Severity[]).join(', ') || 'All'}
          onChange={e =>
            onChange({ ...value, severities: e.target.value as Severity[] })
          }
        >
          {SEVERITIES.map(severity => (
            <MenuItem key={severity} value={severity}>
              {severity}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl variant="outlined" size="small" style={{ minWidth: 180 }}>
        <InputLabel id="incident-filter-period-label">Started</InputLabel>
        <Select
          labelId="incident-filter-period-label"
          id="incident-filter-period"
          label="Started"
          value={value.period}
          onChange={e =>
            onChange({ ...value, period: e.target.value as Period })
          }
        >
          {Object.entries(PERIODS).map(([key, period]) => (
            <MenuItem key={key} value={key}>
              {period.label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </Box>
  );
}
