/** The seed table every example starts from: 3 web dynos 07:00-22:00, 2 until 03:00, 1 until 07:00. */
export const SEED_SCHEDULE = ['07:00-22:00 web=3', '22:00-03:00 web=2', '03:00-07:00 web=1'].join('\n');
