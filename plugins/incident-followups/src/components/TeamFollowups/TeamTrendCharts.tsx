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

/** About a chart's size on a laptop's screen, half the page wide. */
const CHART_SIZE = { width: 520, height: 220 };

function Chart(props: {
  title: string;
  subheader: string;
  children: ReactElement;
}) {
  return (
    <Grid item xs={12} md={6}>
      <InfoCard title={props.title} subheader={props.subheader}>
        <div style={{ width: '100%', height: 220 }} data-testid="team-chart">
          {/* Drawn at about its width with the rest of the page, then fitted: measured first, it came a paint later. */}
          <ResponsiveContainer initialDimension={CHART_SIZE}>
            {props.children}
          </ResponsiveContainer>
        </div>
      </InfoCard>
    </Grid>
  );
}

type WeekPoint = {
  week: string;
  completion: number | null;
  onTime: number | null;
  backlog: number;
};

const percent = (value: unknown) =>
  value === null || value === undefined ? 'nothing due' : `${value}%`;

const minutes = (value: unknown) =>
  value === null || value === undefined ? 'none resolved' : `${value} min`;

/** One weekly series as a line; a rate (0-100 %) skips weeks with nothing due. */
function weeklyLine(
  weeks: WeekPoint[],
  dataKey: keyof Omit<WeekPoint, 'week'>,
  name: string,
  color: string,
  isRate: boolean,
) {
  return (
    <LineChart data={weeks}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="week" />
      {isRate ? (
        <YAxis domain={[0, 100]} unit="%" />
      ) : (
        <YAxis allowDecimals={false} />
      )}
      <Tooltip formatter={isRate ? percent : undefined} />
      <Line
        dataKey={dataKey}
        name={name}
        stroke={color}
        connectNulls={isRate}
        isAnimationActive={false}
      />
    </LineChart>
  );
}

/** How the period went: incidents by severity, completion and on-time post-mortems by week, MTTR and the backlog. */
export function TeamTrendCharts(props: { overview: TeamOverview }) {
  const theme = useTheme();
  const primary = theme.palette.primary.main;
  const weeks: WeekPoint[] = props.overview.weeks.map(w => ({
    week: w.weekStart.slice(5),
    completion: rate(w.followupsDoneOnTime, w.followupsDue),
    onTime: rate(w.postmortemsOnTime, w.postmortemsDue),
    backlog: w.openActionItems,
  }));
  // Every severity has its place, as in the incidents' chart beside it; one
  // without a resolved incident has no bar.
  const mttr = SEVERITIES.map(severity => ({
    severity,
    meanMinutes:
      props.overview.mttrBySeverity.find(m => m.severity === severity)
        ?.meanMinutes ?? null,
  }));
  return (
    <Grid container spacing={3}>
      <Chart
        title="Followups done on time"
        subheader="Of the followups due each week, the share done by their due date"
      >
        {weeklyLine(weeks, 'completion', 'Done on time', primary, true)}
      </Chart>
      <Chart
        title="Post-mortems on time"
        subheader="Of the meetings due each week, the share reviewed by their deadline"
      >
        {weeklyLine(weeks, 'onTime', 'On time', primary, true)}
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
        <BarChart data={mttr}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="severity" />
          <YAxis unit=" min" allowDecimals={false} />
          <Tooltip formatter={minutes} />
          <Bar
            dataKey="meanMinutes"
            name="Mean time to resolve"
            fill={primary}
            isAnimationActive={false}
          />
        </BarChart>
      </Chart>
      <Chart
        title="Open action items"
        subheader="At the end of each week: is the backlog growing?"
      >
        {weeklyLine(
          weeks,
          'backlog',
          'Open action items',
          theme.palette.secondary.main,
          false,
        )}
      </Chart>
    </Grid>
  );
}
