/**
 * The schedule language: one rule a line, `[DAYS | DATE[..DATE]] [TIME-TIME] ASSIGNMENT...`.
 * Each process type takes the first rule, top to bottom, that matches the local time and
 * names that type. Parsing validates everything that can be known without a clock.
 */
import { type Assignment, looksLikeAssignment, parseAssignments } from './formation.js';
import { quote, SyntaxProblem } from './input-error.js';
import {
  dayOf,
  formatMinute,
  instantOfLocal,
  type LocalMinute,
  localMinuteAt,
  MINUTES_PER_DAY,
  MS_PER_MINUTE,
  WEEKDAY_NAMES,
  weekdayOf,
} from './zoned-time.js';

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** Longest date range, so that validating a rule stays cheap. */
const MAX_DATE_RANGE_DAYS = 366;

type DaySet = { kind: 'weekly'; mask: number } | { kind: 'dates'; from: number; to: number };

interface Rule {
  line: number;
  text: string;
  days: DaySet;
  /** minutes after local midnight; when `end <= start` the window runs into the next day */
  start: number;
  end: number;
  assignments: Assignment[];
}

interface RuleWarning {
  line: number;
  text: string;
  message: string;
}

export interface Schedule {
  rules: Rule[];
  /** every process type the schedule names, in order of first mention */
  types: string[];
  /** rules that can never apply */
  warnings: RuleWarning[];
}

/** What the schedule gives one process type at one local minute. */
export interface ScheduledProcess {
  type: string;
  quantity: number;
  size?: string;
  rule: Rule;
  /** local day and minute at which the matching window began */
  windowStart: { day: number; minute: number };
}

const ALL_DAYS = 0b1111111;
const DAY_ALIASES: Record<string, number> = {};
for (const [index, names] of [
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
].entries()) {
  for (const name of names) DAY_ALIASES[name] = index;
}
const DAY_KEYWORDS: Record<string, number> = { weekdays: 0b0011111, weekends: 0b1100000, daily: ALL_DAYS };

const DATE_TOKEN = /^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/;
const TIME_TOKEN = /^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$/;
/** Anything made of digits, colons and dashes that is not a plain number: meant as a time. */
const TIME_LIKE = /^[\d:]+[:-][\d:-]*$/;

function parseDay(name: string): number {
  const index = DAY_ALIASES[name.toLowerCase()];
  if (index === undefined) {
    throw new SyntaxProblem(
      `unknown day ${quote(name)}; expected Mon..Sun (or full names), a range like Mon-Fri, a list like Sat,Sun, weekdays, weekends or daily`,
    );
  }
  return index;
}

function parseDays(token: string): number {
  let mask = 0;
  for (const item of token.split(',')) {
    const keyword = DAY_KEYWORDS[item.toLowerCase()];
    if (keyword !== undefined) {
      mask |= keyword;
      continue;
    }
    const [first, last, extra] = item.split('-');
    if (extra !== undefined || first === '' || last === '') {
      throw new SyntaxProblem(`day range ${quote(item)} is not of the form Mon-Fri`);
    }
    const from = parseDay(first);
    const to = last === undefined ? from : parseDay(last);
    // Ranges may wrap past Sunday (Fri-Mon).
    for (let d = from; ; d = (d + 1) % 7) {
      mask |= 1 << d;
      if (d === to) break;
    }
  }
  return mask;
}

function parseDate(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  const day = dayOf(y, m, d);
  if (Number.isNaN(day)) throw new SyntaxProblem(`${quote(text)} is not a calendar date`);
  return day;
}

function parseDates(token: string): DaySet {
  const [fromText, toText = fromText] = token.split('..');
  const from = parseDate(fromText);
  const to = parseDate(toText);
  if (to < from) throw new SyntaxProblem(`date range ${quote(token)} ends before it starts`);
  if (to - from >= MAX_DATE_RANGE_DAYS) {
    throw new SyntaxProblem(`date range ${quote(token)} is longer than ${MAX_DATE_RANGE_DAYS} days`);
  }
  return { kind: 'dates', from, to };
}

function parseClock(hours: string, minutes: string | undefined, isEnd: boolean, token: string): number {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  const value = h * 60 + m;
  const limit = isEnd ? MINUTES_PER_DAY : MINUTES_PER_DAY - 1;
  if (m > 59 || value > limit) {
    throw new SyntaxProblem(
      `time ${quote(token)} is not a window HH:MM-HH:MM with hours 00-23 and minutes 00-59 (24:00 only as an end)`,
    );
  }
  return value;
}

function parseWindow(token: string): { start: number; end: number } {
  const match = TIME_TOKEN.exec(token) as RegExpExecArray;
  return {
    start: parseClock(match[1], match[2], false, token),
    end: parseClock(match[3], match[4], true, token),
  };
}

function parseRule(text: string, line: number, defaultType: string): Rule {
  // Lists may be written with spaces after the commas: "Sat, Sun".
  const tokens = text.replace(/\s*,\s*/g, ',').split(/\s+/);
  let days: DaySet = { kind: 'weekly', mask: ALL_DAYS };
  let window = { start: 0, end: MINUTES_PER_DAY };
  let index = 0;
  if (DATE_TOKEN.test(tokens[index])) {
    days = parseDates(tokens[index++]);
  } else if (/^\d{4}-/.test(tokens[index])) {
    throw new SyntaxProblem(
      `${quote(tokens[index])} is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD`,
    );
  } else if (!looksLikeAssignment(tokens[index]) && !TIME_LIKE.test(tokens[index])) {
    days = { kind: 'weekly', mask: parseDays(tokens[index++]) };
  }
  if (index < tokens.length && TIME_TOKEN.test(tokens[index])) {
    window = parseWindow(tokens[index++]);
  } else if (index < tokens.length && TIME_LIKE.test(tokens[index])) {
    throw new SyntaxProblem(`time ${quote(tokens[index])} is not a window like 07:00-22:00 or 7-22`);
  }
  const rest = tokens.slice(index);
  if (rest.length === 0) {
    throw new SyntaxProblem('no assignment; expected at least one like 3, web=3 or worker=1:standard-2X');
  }
  for (const token of rest) {
    if (!looksLikeAssignment(token)) {
      throw new SyntaxProblem(
        `${quote(token)} is not an assignment; expected N, type=N or type=N:size after the days and time`,
      );
    }
  }
  return { line, text, days, ...window, assignments: parseAssignments(rest, defaultType) };
}

function dayIsSelected(days: DaySet, day: number): boolean {
  if (days.kind === 'dates') return day >= days.from && day <= days.to;
  return (days.mask & (1 << weekdayOf(day))) !== 0;
}

/** Where the rule's window that covers this local minute began, or null when it does not cover it. */
function windowStartAt(rule: Rule, at: LocalMinute): { day: number; minute: number } | null {
  if (rule.start < rule.end) {
    return dayIsSelected(rule.days, at.day) && at.minute >= rule.start && at.minute < rule.end
      ? { day: at.day, minute: rule.start }
      : null;
  }
  if (at.minute >= rule.start && dayIsSelected(rule.days, at.day)) return { day: at.day, minute: rule.start };
  if (at.minute < rule.end && dayIsSelected(rule.days, at.day - 1))
    return { day: at.day - 1, minute: rule.start };
  return null;
}

function ruleMatches(rule: Rule, at: LocalMinute): boolean {
  return windowStartAt(rule, at) !== null;
}

/** Minutes of a representative week (Monday first) that a weekly rule covers. */
function weeklyCoverage(rule: Rule): Uint8Array {
  const covered = new Uint8Array(MINUTES_PER_WEEK);
  if (rule.days.kind !== 'weekly') return covered;
  const length = rule.start < rule.end ? rule.end - rule.start : MINUTES_PER_DAY - rule.start + rule.end;
  for (let weekday = 0; weekday < 7; weekday++) {
    if ((rule.days.mask & (1 << weekday)) === 0) continue;
    const first = weekday * MINUTES_PER_DAY + rule.start;
    for (let offset = 0; offset < length; offset++) covered[(first + offset) % MINUTES_PER_WEEK] = 1;
  }
  return covered;
}

function formatWeekMinute(weekMinute: number, endOfSpan = false): string {
  // An end on a day boundary reads as the previous day's 24:00.
  const m = endOfSpan && weekMinute % MINUTES_PER_DAY === 0 ? weekMinute - 1 : weekMinute;
  const weekday = Math.floor(((m + MINUTES_PER_WEEK) % MINUTES_PER_WEEK) / MINUTES_PER_DAY);
  const minute =
    endOfSpan && weekMinute % MINUTES_PER_DAY === 0 ? MINUTES_PER_DAY : weekMinute % MINUTES_PER_DAY;
  return `${WEEKDAY_NAMES[weekday]} ${formatMinute(minute)}`;
}

/**
 * `Mon 03:00-07:00` for a span within one day, else both ends with their days:
 * `Sun 22:00-Mon 03:00`, and `Mon 17:00-Mon 09:00 next week` for a span that runs
 * round the week back to the day it began on (`Mon 17:00-09:00` would read as one night).
 */
function formatSpan(from: number, to: number): string {
  const start = formatWeekMinute(from);
  const end = formatWeekMinute(to, true);
  if (from < to && to - from <= MINUTES_PER_DAY && start.slice(0, 3) === end.slice(0, 3)) {
    return `${start}-${end.slice(4)}`;
  }
  const nextWeek = from >= to && start.slice(0, 3) === end.slice(0, 3) ? ' next week' : '';
  return `${start}-${end}${nextWeek}`;
}

/** The first span of the week (from Monday 00:00) that nothing covers, or null. */
function firstGap(covered: Uint8Array): string | null {
  const first = covered.indexOf(0);
  if (first < 0) return null;
  if (covered.indexOf(1) < 0) return 'Mon 00:00-Sun 24:00';
  let start = first;
  // A gap that begins before Monday 00:00 is reported from where it really begins.
  if (first === 0) while (covered[(start - 1 + MINUTES_PER_WEEK) % MINUTES_PER_WEEK] === 0) start--;
  let end = first;
  while (end < MINUTES_PER_WEEK && covered[end] === 0) end++;
  return formatSpan((start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK, end);
}

function isSubset(inner: Uint8Array, outer: Uint8Array): boolean {
  for (let i = 0; i < inner.length; i++) if (inner[i] === 1 && outer[i] === 0) return false;
  return true;
}

/**
 * The minutes of a day at which whether any of these rules matches can change: where each
 * starts or ends. Between two of them every minute matches alike. Sorted, 0 first.
 */
function cutMinutes(rules: readonly Rule[]): number[] {
  const cuts = new Set<number>([0]);
  for (const rule of rules) {
    cuts.add(rule.start % MINUTES_PER_DAY);
    cuts.add(rule.end % MINUTES_PER_DAY);
  }
  return [...cuts].sort((a, b) => a - b);
}

/**
 * A dated rule is shadowed when, on each of its days, every minute it covers is matched by an
 * earlier rule: a weekly one (their union, `earlierWeekly`) or a dated one. The scan stops at the
 * first minute it has to itself, which for a rule that can apply comes early.
 */
function datedRuleIsShadowed(rule: Rule, earlierWeekly: Uint8Array, earlierDated: Rule[]): boolean {
  if (rule.days.kind !== 'dates') return false;
  for (let day = rule.days.from; day <= rule.days.to + 1; day++) {
    const weekday = weekdayOf(day);
    for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
      const at = { day, weekday, minute };
      if (!ruleMatches(rule, at) || earlierWeekly[weekday * MINUTES_PER_DAY + minute] === 1) continue;
      if (!earlierDated.some((e) => ruleMatches(e, at))) return false;
    }
  }
  return true;
}

function rulesNaming(rules: Rule[], type: string): Rule[] {
  return rules.filter((r) => r.assignments.some((a) => a.type === type));
}

function validate(rules: Rule[], types: string[]): RuleWarning[] {
  const coverage = new Map(rules.map((r) => [r, weeklyCoverage(r)]));
  for (const type of types) {
    const union = new Uint8Array(MINUTES_PER_WEEK);
    for (const rule of rulesNaming(rules, type)) {
      const covered = coverage.get(rule) as Uint8Array;
      for (let i = 0; i < MINUTES_PER_WEEK; i++) union[i] |= covered[i];
    }
    const gap = firstGap(union);
    if (gap) {
      throw new SyntaxProblem(
        `${type} has no rule for ${gap}; every minute of the week needs a rule for each process type (add a rule without days or times as a fallback)`,
      );
    }
  }
  // One running union per type of the weekly rules seen so far: each rule is checked against
  // it and then added, so the check grows with the rules, not with their square.
  const earlierWeekly = new Map(types.map((type) => [type, new Uint8Array(MINUTES_PER_WEEK)]));
  const warnings: RuleWarning[] = [];
  rules.forEach((rule, index) => {
    const covered = coverage.get(rule) as Uint8Array;
    const shadowed = rule.assignments.every(({ type }) => {
      if (rule.days.kind === 'dates') {
        const earlierDated = rulesNaming(rules.slice(0, index), type).filter((e) => e.days.kind === 'dates');
        return datedRuleIsShadowed(rule, earlierWeekly.get(type) as Uint8Array, earlierDated);
      }
      return isSubset(covered, earlierWeekly.get(type) as Uint8Array);
    });
    if (rule.days.kind === 'weekly') {
      for (const { type } of rule.assignments) {
        const union = earlierWeekly.get(type) as Uint8Array;
        for (let i = 0; i < MINUTES_PER_WEEK; i++) union[i] |= covered[i];
      }
    }
    if (shadowed) {
      warnings.push({
        line: rule.line,
        text: rule.text,
        message: `schedule line ${rule.line} (${quote(rule.text)}) can never apply: earlier rules cover all of its times for ${rule.assignments.map((a) => a.type).join(', ')}`,
      });
    }
  });
  return warnings;
}

/**
 * Parse and validate a schedule. A bare number assigns to `defaultType`. Throws an
 * SyntaxProblem naming the line for syntax errors, and the type and span for gaps.
 */
export function parseSchedule(source: string, defaultType: string): Schedule {
  const rules: Rule[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.replace(/#.*/, '').trim();
    if (text === '') return;
    try {
      rules.push(parseRule(text, i + 1, defaultType));
    } catch (error) {
      if (error instanceof SyntaxProblem) {
        throw new SyntaxProblem(error.message, { number: i + 1, text: raw.trim() });
      }
      throw error;
    }
  });
  const types = [...new Set(rules.flatMap((r) => r.assignments.map((a) => a.type)))];
  return { rules, types, warnings: validate(rules, types) };
}

/** What the schedule gives each of its process types at a local minute. */
export function resolveLocal(schedule: Schedule, at: LocalMinute): Map<string, ScheduledProcess> {
  const result = new Map<string, ScheduledProcess>();
  for (const rule of schedule.rules) {
    let windowStart: { day: number; minute: number } | null | undefined;
    for (const assignment of rule.assignments) {
      if (result.has(assignment.type)) continue;
      windowStart ??= windowStartAt(rule, at);
      if (windowStart === null) break;
      result.set(assignment.type, { ...assignment, rule, windowStart });
    }
    if (result.size === schedule.types.length) break;
  }
  return result;
}

/** What the schedule gives each of its process types at an instant, read in `timeZone`. */
export function resolveAt(
  schedule: Schedule,
  instant: number,
  timeZone: string,
): Map<string, ScheduledProcess> {
  return resolveLocal(schedule, localMinuteAt(instant, timeZone));
}

/** The instant at which a scheduled window began. */
export function windowStartInstant(scheduled: ScheduledProcess, timeZone: string): number {
  return instantOfLocal(scheduled.windowStart.day, scheduled.windowStart.minute, timeZone);
}

/**
 * For each type, the entry with the highest quantity the schedule gives from `from` up
 * to and including `from + leadMinutes` (checked at each minute boundary in between).
 */
export function resolvePeak(
  schedule: Schedule,
  from: number,
  leadMinutes: number,
  timeZone: string,
): Map<string, ScheduledProcess> {
  const peak = resolveAt(schedule, from, timeZone);
  const firstBoundary = Math.floor(from / MS_PER_MINUTE + 1) * MS_PER_MINUTE;
  const last = from + leadMinutes * MS_PER_MINUTE;
  for (let instant = firstBoundary; instant <= last; instant += MS_PER_MINUTE) {
    for (const [type, entry] of resolveAt(schedule, instant, timeZone)) {
      const current = peak.get(type);
      if (!current || entry.quantity > current.quantity) peak.set(type, entry);
    }
  }
  return peak;
}

/** The highest quantity the schedule ever gives each type. */
export function highestQuantities(schedule: Schedule): Map<string, number> {
  const highest = new Map<string, number>();
  for (const rule of schedule.rules) {
    for (const { type, quantity } of rule.assignments) {
      highest.set(type, Math.max(highest.get(type) ?? 0, quantity));
    }
  }
  return highest;
}

/** Warnings for dated rules whose last day has passed in `timeZone`. */
export function pastDateWarnings(schedule: Schedule, now: number, timeZone: string): RuleWarning[] {
  const today = localMinuteAt(now, timeZone).day;
  return schedule.rules
    .filter((r) => r.days.kind === 'dates' && r.days.to + (r.end <= r.start ? 1 : 0) < today)
    .map((r) => ({
      line: r.line,
      text: r.text,
      message: `schedule line ${r.line} (${quote(r.text)}) can never apply again: its dates have passed`,
    }));
}

/** The schedule without its dated rules: the week it repeats when nothing special is on. */
export function weeklyRules(schedule: Schedule): Schedule {
  return { ...schedule, rules: schedule.rules.filter((r) => r.days.kind === 'weekly') };
}

/** A stretch of one local day over which every type's matching rule stays the same. */
interface DaySegment {
  from: number;
  to: number;
  scheduled: Map<string, ScheduledProcess>;
}

/**
 * One local day cut wherever a rule starts or ends: whether a rule matches changes only
 * there, so one resolution per piece stands for every minute in it.
 */
export function segmentsOnDay(schedule: Schedule, day: number): DaySegment[] {
  const sorted = cutMinutes(schedule.rules);
  const weekday = weekdayOf(day);
  return sorted.map((from, i) => ({
    from,
    to: sorted[i + 1] ?? MINUTES_PER_DAY,
    scheduled: resolveLocal(schedule, { day, weekday, minute: from }),
  }));
}

/** For each type, its scheduled quantity at every minute of one local day (0 where no rule applies). */
export function quantitiesOnDay(schedule: Schedule, day: number): Map<string, Int32Array> {
  const byType = new Map(schedule.types.map((t) => [t, new Int32Array(MINUTES_PER_DAY)]));
  for (const segment of segmentsOnDay(schedule, day)) {
    for (const [type, entry] of segment.scheduled) {
      (byType.get(type) as Int32Array).fill(entry.quantity, segment.from, segment.to);
    }
  }
  return byType;
}

/** The local day (days since the epoch) of the Monday that starts the week containing `day`. */
export function mondayOf(day: number): number {
  return day - weekdayOf(day);
}

/** The next moment at which the schedule gives some type another quantity or size. */
export interface ScheduledChange {
  /** local day and minute */
  day: number;
  minute: number;
  changes: { type: string; from: number; to: number }[];
}

/** Looks this many days ahead for the next change; a schedule that changes at all does so within a week. */
const NEXT_CHANGE_HORIZON_DAYS = 8;

/** The first change after `now` (local to `timeZone`) in what the schedule gives, or null if it never changes. */
export function nextChange(schedule: Schedule, now: number, timeZone: string): ScheduledChange | null {
  const local = localMinuteAt(now, timeZone);
  const current = resolveLocal(schedule, local);
  for (let day = local.day; day <= local.day + NEXT_CHANGE_HORIZON_DAYS; day++) {
    for (const segment of segmentsOnDay(schedule, day)) {
      if (day === local.day && segment.from <= local.minute) continue;
      const changes = schedule.types.flatMap((type) => {
        const from = current.get(type);
        const to = segment.scheduled.get(type);
        const same = from?.quantity === to?.quantity && from?.size === to?.size;
        return same ? [] : [{ type, from: from?.quantity ?? 0, to: to?.quantity ?? 0 }];
      });
      if (changes.length > 0) return { day, minute: segment.from, changes };
    }
  }
  return null;
}
