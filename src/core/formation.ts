/**
 * Formations: what the app runs now, and the assignments (`web=3`, `worker=1:standard-2X`)
 * that the schedule, `quantity` and `max` inputs are written in.
 */
import { displaySizeName, findDynoSize, knownSizeNames } from './dyno-size.js';
import { quote, SyntaxProblem } from './input-error.js';

/** Heroku accepts far fewer by default; this only catches typos like `web=3000`. */
const MAX_QUANTITY = 1000;

/** One process type as the Platform API reports it. */
export interface ProcessFormation {
  type: string;
  quantity: number;
  /** Heroku's size name, e.g. `Standard-1X` */
  size: string;
  /** when the quantity or size last changed, ms since the epoch */
  updatedAt: number;
}

export interface Assignment {
  type: string;
  quantity: number;
  /** canonical size name, when the assignment sets one */
  size?: string;
}

/** Heroku's process type pattern (`definitions.formation.definitions.type`). */
const PROCESS_TYPE = /^[-\w]{1,128}$/;

export function isProcessType(text: string): boolean {
  return PROCESS_TYPE.test(text);
}

/** A size name Heroku could report (`Standard-1X`, `Performance-L-RAM`, `Private-S`…). */
export function isPlausibleSizeName(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(text);
}

/**
 * Throws unless `type` can name a Heroku process type. Heroku's process types are lower-case
 * (the Procfile's names), so `WEB` or `Web` would only fail later, against the app.
 */
export function checkProcessType(type: string): void {
  if (!isProcessType(type)) {
    throw new SyntaxProblem(
      `process type ${quote(type)} is not a Heroku process type name (letters, digits, - and _)`,
    );
  }
  if (type !== type.toLowerCase()) {
    throw new SyntaxProblem(
      `process type ${quote(type)} has capital letters; Heroku's process types are lower-case: write ${quote(type.toLowerCase())}`,
    );
  }
}

/** A whole number from `min` to `max`, written in digits alone; the one place numbers are read from text. */
export function wholeNumber(text: string, what: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new SyntaxProblem(`${what}${quote(text)} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseQuantity(text: string): number {
  return wholeNumber(text, 'quantity ', 0, MAX_QUANTITY);
}

function parseSize(text: string): string {
  const size = findDynoSize(text);
  if (!size) {
    throw new SyntaxProblem(
      `unknown dyno size ${quote(text)}; expected one of ${knownSizeNames().join(', ')}`,
    );
  }
  return size.name;
}

/** True when the token reads as an assignment rather than a day or a time. */
export function looksLikeAssignment(token: string): boolean {
  return token.includes('=') || /^-?[\d.]+$/.test(token);
}

/**
 * Parse one assignment: `N` (for the default type), `type=N` or `type=N:size`.
 * `allowSize` is false where a size makes no sense (the `max` input).
 */
function parseAssignment(token: string, defaultType: string, allowSize = true): Assignment {
  const eq = token.indexOf('=');
  const type = eq < 0 ? defaultType : token.slice(0, eq);
  const value = eq < 0 ? token : token.slice(eq + 1);
  checkProcessType(type);
  const colon = value.indexOf(':');
  if (colon >= 0 && !allowSize) {
    throw new SyntaxProblem(`${quote(token)} sets a size, which is not allowed here; expected type=N`);
  }
  const quantity = parseQuantity(colon < 0 ? value : value.slice(0, colon));
  if (colon < 0) return { type, quantity };
  return { type, quantity, size: parseSize(value.slice(colon + 1)) };
}

/** Parse a whitespace-separated list of assignments; each type at most once. */
export function parseAssignments(tokens: string[], defaultType: string, allowSize = true): Assignment[] {
  const seen = new Set<string>();
  return tokens.map((token) => {
    const assignment = parseAssignment(token, defaultType, allowSize);
    if (seen.has(assignment.type)) {
      throw new SyntaxProblem(`process type ${quote(assignment.type)} is assigned twice`);
    }
    seen.add(assignment.type);
    return assignment;
  });
}

/** The `formation` output: `{"web":{"quantity":3,"size":"Standard-1X"}}`. */
export function formationJson(formation: readonly ProcessFormation[]): string {
  const out: Record<string, { quantity: number; size: string }> = {};
  for (const p of formation) out[p.type] = { quantity: p.quantity, size: displaySizeName(p.size) };
  return JSON.stringify(out);
}
