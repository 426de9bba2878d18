// The ten areas of the CI/CD security guide that every rule belongs to, with short names for reports.

/** Short names of the guide's sections, indexed by area number (1-10). */
export const AREA_NAMES: Readonly<Record<number, string>> = {
  1: 'Source control integrity',
  2: 'Dependencies',
  3: 'Network and transport',
  4: 'Authentication',
  5: 'Secrets',
  6: 'Build agents',
  7: 'Artifacts',
  8: 'Pipeline as code',
  9: 'Monitoring and logging',
  10: 'Incident response',
};

/** The area numbers in guide order. */
export const AREAS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** `3 Network and transport`, or `Other` for a rule outside the ten areas. */
export function areaLabel(area: number): string {
  const name = AREA_NAMES[area];
  return name === undefined ? 'Other' : `${area} ${name}`;
}
