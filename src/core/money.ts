/**
 * Numbers as a reader checks them: dollars to the cent and counts with thousands separators.
 * Done by hand: the first use of ICU's number formatting costs a run tens of milliseconds.
 */

/** `4320` → `4,320`. */
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$1,234.50`, `−$12.38`. */
export function usd(value: number): string {
  const [whole, cents] = Math.abs(value).toFixed(2).split('.');
  const text = `$${grouped(whole)}.${cents}`;
  return value < 0 ? `−${text}` : text;
}

/** `4,320`, `412.5`: a count to a tenth, whole when it is whole. */
export function count(value: number): string {
  const [whole, tenth] = (Math.round(value * 10) / 10).toFixed(1).split('.');
  return tenth === '0' ? grouped(whole) : `${grouped(whole)}.${tenth}`;
}

/** Dollars to whole cents, rounded once: sums of cents then agree with the rows they add up. */
export function toCents(value: number): number {
  return Math.round(value * 100);
}
