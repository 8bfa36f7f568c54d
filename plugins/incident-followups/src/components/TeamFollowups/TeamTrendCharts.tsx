import { InfoCard } from '@backstage/core-components';
import {
  SEVERITIES,
  TeamOverview,
} from '@incident-followups/plugin-incident-followups-common';
import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  ChartData,
  ChartOptions,
  LinearScale,
  LineController,
  LineElement,
  Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useMemo } from 'react';
import { Chart as CanvasChart } from 'react-chartjs-2';

ChartJS.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

/** Marks the canvas once painted, for those who wait for the charts (the e2e tests, the bench). */
const markDrawn: Plugin = {
  id: 'markDrawn',
  afterRender: chart => {
    chart.canvas.dataset.drawn = 'true';
  },
};

/** A chart's values, and how a value (null: none) reads. */
interface Series {
  name: string;
  labels: string[];
  values: (number | null)[];
  format: (value: number | null) => string;
}

/** The chart in words, for screen readers: a canvas shows nothing to them. */
function describe(title: string, series: Series): string {
  const points = series.labels.map(
    (label, i) => `${label}: ${series.format(series.values[i])}`,
  );
  return `${title}. ${series.name} — ${points.join(', ')}`;
}

function Chart(props: {
  title: string;
  subheader: string;
  type: 'line' | 'bar';
  series: Series;
  color: string;
  /** The y axis: a rate runs from 0 to 100 %. */
  rate?: boolean;
  unit?: string;
}) {
  const theme = useTheme();
  const { series, color } = props;
  const text = theme.palette.text.secondary;
  const grid = theme.palette.divider;
  const dashed = { dash: [3, 3] };
  // What the chart draws, by value: the page's theme and figures come as new
  // objects on each render of the page, and new data or options make
  // Chart.js update (draw) the chart again.
  const drawn = JSON.stringify([
    series,
    color,
    text,
    grid,
    props.rate,
    props.unit,
  ]);
  const data = useMemo<ChartData<'line' | 'bar'>>(
    () => ({
      labels: series.labels,
      datasets: [
        {
          label: series.name,
          data: series.values,
          borderColor: color,
          backgroundColor: color,
          // A rate skips the weeks with nothing due, as a line across them.
          spanGaps: props.rate,
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drawn],
  );
  const options = useMemo<ChartOptions<'line' | 'bar'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        tooltip: {
          callbacks: {
            label: item => `${series.name}: ${series.format(item.parsed.y)}`,
          },
        },
      },
      scales: {
        x: { ticks: { color: text }, grid: { color: grid }, border: dashed },
        y: {
          beginAtZero: true,
          // A count's highest bar or point is kept off the chart's top edge.
          ...(props.rate ? { min: 0, max: 100 } : { grace: '10%' }),
          ticks: {
            color: text,
            precision: 0,
            callback: value => `${value}${props.unit ?? ''}`,
          },
          grid: { color: grid },
          border: dashed,
        },
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drawn],
  );
  const description = describe(props.title, series);
  return (
    <Grid item xs={12} md={6}>
      <InfoCard title={props.title} subheader={props.subheader}>
        <div
          style={{ position: 'relative', width: '100%', height: 220 }}
          data-testid="team-chart"
        >
          <CanvasChart
            type={props.type}
            data={data}
            options={options}
            plugins={[markDrawn]}
            aria-label={description}
            fallbackContent={<p>{description}</p>}
          />
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

const percent = (value: number | null) =>
  value === null ? 'nothing due' : `${value}%`;

const minutes = (value: number | null) =>
  value === null ? 'none resolved' : `${value} min`;

const count = (value: number | null) => String(value ?? 0);

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
  const weekLabels = weeks.map(w => w.week);
  const weekly = (
    name: string,
    values: (number | null)[],
    format: Series['format'],
  ): Series => ({ name, labels: weekLabels, values, format });
  /** A weekly share, 0-100 %, as a line across the weeks with nothing due. */
  const weeklyRate = (name: string, values: (number | null)[]) => ({
    type: 'line' as const,
    series: weekly(name, values, percent),
    color: primary,
    rate: true,
    unit: '%',
  });
  return (
    <Grid container spacing={3}>
      <Chart
        title="Followups done on time"
        subheader="Of the followups due each week, the share done by their due date"
        {...weeklyRate(
          'Done on time',
          weeks.map(w => w.completion),
        )}
      />
      <Chart
        title="Post-mortems on time"
        subheader="Of the meetings due each week, the share reviewed by their deadline"
        {...weeklyRate(
          'On time',
          weeks.map(w => w.onTime),
        )}
      />
      <Chart
        title="Incidents by severity"
        subheader="The incidents that started in the period, by final severity"
        type="bar"
        series={{
          name: 'Incidents',
          labels: [...SEVERITIES],
          values: SEVERITIES.map(
            severity => props.overview.incidents.bySeverity[severity],
          ),
          format: count,
        }}
        color={theme.palette.error.main}
      />
      <Chart
        title="Time to resolve"
        subheader="Mean minutes from start to resolution, by final severity"
        type="bar"
        series={{
          name: 'Mean time to resolve',
          labels: [...SEVERITIES],
          values: mttr.map(m => m.meanMinutes),
          format: minutes,
        }}
        color={primary}
        unit=" min"
      />
      <Chart
        title="Open action items"
        subheader="At the end of each week: is the backlog growing?"
        type="line"
        series={weekly(
          'Open action items',
          weeks.map(w => w.backlog),
          count,
        )}
        color={theme.palette.secondary.main}
      />
    </Grid>
  );
}
