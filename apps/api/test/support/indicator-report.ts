/** One indicator as the dashboard answers it (the fields the specs read). */
export type Shown = { code: string; numerator: number | null; denominator: number | null; status: string; drillDown: boolean };

/** [numerator, denominator] of one indicator of a report (or of one of its units). */
export function counts(body: { indicators: Shown[] }, code: string): (number | null)[] {
  const found = body.indicators.find((i) => i.code === code)!;
  return [found.numerator, found.denominator];
}

/** One unit (team or institution) of a report. */
export function unit(body: { units: ({ id: string } & { indicators: Shown[] })[] }, id: string) {
  return body.units.find((u) => u.id === id)!;
}
