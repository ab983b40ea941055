/**
 * How hard the property tests push: run counts and seeds (so every run is reproducible),
 * and the weeks swept minute by minute. docs/reliability.md is rendered from this table.
 */
export const PROPERTY_RUNS = {
  anyText: {
    runs: 3000,
    seed: 20261128,
    what: 'random schedule text parses into a total function over the week or fails with a located error',
  },
  randomInstants: {
    runs: 3000,
    seed: 1128,
    what: 'resolution agrees with a brute-force reading of generated rules at a random instant',
    zones: [
      'UTC',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Asia/Kolkata',
      'America/St_Johns',
    ],
  },
  policy: {
    runs: 2000,
    seed: 20261128,
    what: 'policy invariants: never above max unless already, never below the schedule, never below current while unhealthy',
  },
} as const;

/** Weeks checked at every minute: both DST transitions where a zone has them, and odd offsets. */
export const SWEEP_WEEKS = [
  { zone: 'UTC', from: '2026-11-30T00:00:00Z', seed: 1 },
  { zone: 'America/New_York', from: '2026-03-05T00:00:00Z', seed: 2 },
  { zone: 'America/New_York', from: '2026-10-29T00:00:00Z', seed: 3 },
  { zone: 'Europe/London', from: '2026-03-26T00:00:00Z', seed: 4 },
  { zone: 'Europe/London', from: '2026-10-22T00:00:00Z', seed: 5 },
  { zone: 'Australia/Lord_Howe', from: '2026-04-02T00:00:00Z', seed: 6 },
  { zone: 'Australia/Lord_Howe', from: '2026-10-01T00:00:00Z', seed: 7 },
  { zone: 'Asia/Kathmandu', from: '2026-11-30T00:00:00Z', seed: 8 },
  { zone: 'Pacific/Chatham', from: '2026-04-02T00:00:00Z', seed: 9 },
  { zone: 'Pacific/Chatham', from: '2026-09-24T00:00:00Z', seed: 10 },
] as const;
