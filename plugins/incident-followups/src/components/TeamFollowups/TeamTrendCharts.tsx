import { InfoCard } from '@backstage/core-components';
import {
  SEVERITIES,
  TeamOverview,
} from '@incident-followups/plugin-incident-followups-common';
import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

function Chart(props: {
  title: string;
  subheader: string;
  children: ReactElement;
}) {
  return (
    <Grid item xs={12} md={6}>
      <InfoCard title={props.title} subheader={props.subheader}>
        <div style={{ width: '100%', height: 220 }} data-testid="team-chart">
          <ResponsiveContainer>{props.children}</ResponsiveContainer>
        </div>
      </InfoCard>
    </Grid>
  );
}

/** How the period went: incidents by severity, completion and on-time post-mortems by week, MTTR and the backlog. */
export function TeamTrendCharts(props: { overview: TeamOverview }) {
  const theme = useTheme();
  const primary = theme.palette.primary.main;
  const weeks = props.overview.weeks.map(w => ({
    week: w.weekStart.slice(5),
    completion: rate(w.followupsDoneOnTime, w.followupsDue),
    onTime: rate(w.postmortemsOnTime, w.postmortemsDue),
    backlog: w.openActionItems,
  }));
  const percent = (value: unknown) =>
    value === null || value === undefined ? 'nothing due' : `${value}%`;
  return (
    <Grid container spacing={3}>
      <Chart
        title="Followups done on time"
        subheader="Of the followups due each week, the share done by their due date"
      >
        <LineChart data={weeks}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip formatter={percent} />
          <Line
            dataKey="completion"
            name="Done on time"
            stroke={primary}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </Chart>
      <Chart
        title="Post-mortems on time"
        subheader="Of the meetings due each week, the share reviewed by their deadline"
      >
        <LineChart data={weeks}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip formatter={percent} />
          <Line
            dataKey="onTime"
            name="On time"
            stroke={primary}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </Chart>
      <Chart
        title="Incidents by severity"
        subheader="The incidents that started in the period, by final severity"
      >
        <BarChart
          data={SEVERITIES.map(severity => ({
            severity,
            incidents: props.overview.incidents.bySeverity[severity],
          }))}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="severity" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar
            dataKey="incidents"
            name="Incidents"
            fill={theme.palette.error.main}
            isAnimationActive={false}
          />
        </BarChart>
      </Chart>
      <Chart
        title="Time to resolve"
        subheader="Mean minutes from start to resolution, by final severity"
      >
        <BarChart data={props.overview.mttrBySeverity}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="severity" />
          <YAxis unit=" min" />
          <Tooltip />
          <Bar
            dataKey="meanMinutes"
            name="Mean minutes"
            fill={primary}
            isAnimationActive={false}
          />
        </BarChart>
      </Chart>
      <Chart
        title="Open action items"
        subheader="At the end of each week: is the backlog growing?"
      >
        <LineChart data={weeks}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Line
            dataKey="backlog"
            name="Open action items"
            stroke={theme.palette.secondary.main}
            isAnimationActive={false}
          />
        </LineChart>
      </Chart>
    </Grid>
  );
}
