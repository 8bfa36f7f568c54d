import { Severity } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { SeveritySelect } from '../SeveritySelect';

/** Which incidents of the agenda the meeting looks at: of these severities (all when none), discussed or not. */
export interface AgendaFilters {
  severities: Severity[];
  discussed?: boolean;
}

const DISCUSSED_CHOICES = [
  { value: 'all', label: 'All' },
  { value: 'false', label: 'Not discussed yet' },
  { value: 'true', label: 'Discussed' },
];

/** Narrows a long agenda to the incidents the meeting has time for. */
export function AgendaFiltersBar(props: {
  filters: AgendaFilters;
  onChange: (filters: AgendaFilters) => void;
}) {
  const { filters, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <SeveritySelect
        id="agenda-severity"
        value={filters.severities}
        onChange={severities => onChange({ ...filters, severities })}
      />
      <TextField
        select
        size="small"
        variant="outlined"
        id="agenda-discussed"
        label="Discussed"
        style={{ minWidth: 180 }}
        value={
          filters.discussed === undefined ? 'all' : String(filters.discussed)
        }
        onChange={e =>
          onChange({
            ...filters,
            discussed:
              e.target.value === 'all' ? undefined : e.target.value === 'true',
          })
        }
      >
        {DISCUSSED_CHOICES.map(choice => (
          <MenuItem key={choice.value} value={choice.value}>
            {choice.label}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
