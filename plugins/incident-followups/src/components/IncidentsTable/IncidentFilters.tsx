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

/** One labelled filter: several values, or one when `multiple` is off. */
function FilterSelect<T extends string>(props: {
  name: string;
  label: string;
  options: { value: T; label: string }[];
  value: T | T[];
  onChange: (value: any) => void;
}) {
  const multiple = Array.isArray(props.value);
  const labelOf = (v: T) => props.options.find(o => o.value === v)?.label ?? v;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 190 }}>
      <InputLabel id={`incident-filter-${props.name}-label`}>
        {props.label}
      </InputLabel>
      <Select
        labelId={`incident-filter-${props.name}-label`}
        id={`incident-filter-${props.name}`}
        label={props.label}
        multiple={multiple}
        value={props.value}
        renderValue={selected =>
          multiple
            ? (selected as T[]).map(labelOf).join(', ') || 'All'
            : labelOf(selected as T)
        }
        onChange={e => props.onChange(e.target.value)}
      >
        {props.options.map(option => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Status, severity and period pickers above an incident list. */
export function IncidentFilters(props: {
  value: IncidentFilterValues;
  onChange: (value: IncidentFilterValues) => void;
}) {
  const { value, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <FilterSelect<IncidentStatus>
        name="status"
        label="Status"
        options={INCIDENT_STATUSES.map(s => ({
          value: s,
          label: STATUS_LABELS[s],
        }))}
        value={value.statuses}
        onChange={statuses => onChange({ ...value, statuses })}
      />
      <FilterSelect<Severity>
        name="severity"
        label="Severity"
        options={SEVERITIES.map(s => ({ value: s, label: s }))}
        value={value.severities}
        onChange={severities => onChange({ ...value, severities })}
      />
      <FilterSelect<Period>
        name="period"
        label="Started"
        options={Object.entries(PERIODS).map(([key, period]) => ({
          value: key as Period,
          label: period.label,
        }))}
        value={value.period}
        onChange={period => onChange({ ...value, period })}
      />
    </Box>
  );
}
