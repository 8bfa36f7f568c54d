/** How big the synthetic organisation and its incident history are. */
export interface Scale {
  name: string;
  components: number;
  /** Groups per level of the hierarchy, from the top-level ones down to the leaf teams. */
  groupsPerLevel: [number, number, number, number];
  usersPerTeam: number;
  incidents: number;
  followupsPerIncident: number;
  postmortems: number;
  /** Seconds of load per measured request. */
  seconds: number;
  /** Requests sent one by one before measuring each endpoint. */
  warmups: number;
}

const ORGANISATION = {
  components: 10_000,
  groupsPerLevel: [10, 90, 300, 600] as [number, number, number, number],
  usersPerTeam: 3,
};

/** The organisation: 100,000 incidents over 3 years. */
export const FULL: Scale = {
  name: '100k',
  ...ORGANISATION,
  incidents: 100_000,
  followupsPerIncident: 10,
  postmortems: 30_000,
  seconds: 5,
  warmups: 20,
};

/** The same organisation with a tenth of the history: the size-independence check, and SQLite. */
export const TENTH: Scale = {
  ...FULL,
  name: '10k',
  incidents: 10_000,
  postmortems: 3_000,
};

/** Small enough for CI: the bench keeps working, the numbers mean little. */
export const SMOKE: Scale = {
  name: 'smoke',
  components: 300,
  groupsPerLevel: [2, 6, 12, 24],
  usersPerTeam: 2,
  incidents: 1_000,
  followupsPerIncident: 10,
  postmortems: 300,
  seconds: 0.5,
  warmups: 3,
};
