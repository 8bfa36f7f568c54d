import {
  FOLLOWUP_STATUSES,
  FollowupStatus,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { ReactNode } from 'react';
import { EntityRefPicker } from '../EntityRefPicker';
import { SeveritySelect } from '../SeveritySelect';
import { PERIOD_DAYS, TeamFilters } from './teamFilters';

const STATUS_CHOICES: { value: string; label: string }[] = [
  { value: 'open,in-progress', label: 'Open and in progress' },
  { value: 'done', label: 'Done' },
  { value: 'wont-do', label: "Won't do" },
  { value: 'all', label: 'All' },
];

/** Team, period, severity, followup status, member, child groups; and the page's actions. */
export function TeamFiltersBar(props: {
  filters: TeamFilters;
  onChange: (filters: TeamFilters) => void;
  actions?: ReactNode;
}) {
  const { filters, onChange } = props;
  const set = (changes: Partial<TeamFilters>) =>
    onChange({ ...filters, ...changes });
  const statusValue =
    filters.statuses === 'all' ? 'all' : filters.statuses.join(',');
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 16 }}
      mb={3}
    >
      <Box width={260}>
        <EntityRefPicker
          kind="Group"
          label="Team"
          value={filters.teamRef}
          onPick={teamRef => set({ teamRef, memberRef: null })}
        />
      </Box>
      <TextField
        select
        size="small"
        variant="outlined"
        label="Period"
        value={filters.days}
        onChange={e => set({ days: Number(e.target.value) })}
      >
        {PERIOD_DAYS.map(days => (
          <MenuItem key={days} value={days}>
            Last {days} days
          </MenuItem>
        ))}
      </TextField>
      <SeveritySelect
        id="team-severity"
        value={filters.severities}
        onChange={severities => set({ severities })}
      />
      <TextField
        select
        size="small"
        variant="outlined"
        label="Followups"
        value={statusValue}
        onChange={e =>
          set({
            statuses:
              e.target.value === 'all'
                ? 'all'
                : (e.target.value
                    .split(',')
                    .filter(s =>
                      (FOLLOWUP_STATUSES as readonly string[]).includes(s),
                    ) as FollowupStatus[]),
          })
        }
      >
        {STATUS_CHOICES.map(choice => (
          <MenuItem key={choice.value} value={choice.value}>
            {choice.label}
          </MenuItem>
        ))}
      </TextField>
      <Box width={220}>
        <EntityRefPicker
          kind="User"
          label="Member"
          value={filters.memberRef}
          onPick={memberRef => set({ memberRef })}
        />
      </Box>
      <FormControlLabel
        control={
          <Switch
            checked={filters.includeChildren}
            onChange={e => set({ includeChildren: e.target.checked })}
          />
        }
        label="Include child groups"
      />
      <Box flex={1} />
      {props.actions}
    </Box>
  );
}
