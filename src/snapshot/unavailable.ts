// Why sections of a snapshot are missing: every unavailable section, grouped by reason.

/** One reason sections could not be read, with the permission it names and how many sections it hit. */
export interface UnavailableReason {
  reason: string;
  needs?: string;
  count: number;
}

/** Walks a snapshot and groups its unavailable sections by reason and needed permission, most frequent first. */
export function unavailableReasons(snapshot: unknown): UnavailableReason[] {
  const groups = new Map<string, UnavailableReason>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (record.status === 'unavailable' && typeof record.reason === 'string') {
      const needs = typeof record.needs === 'string' ? record.needs : undefined;
      const key = `${record.reason}\u0000${needs ?? ''}`;
      const group = groups.get(key) ?? { reason: record.reason, ...(needs ? { needs } : {}), count: 0 };
      group.count++;
      groups.set(key, group);
      return;
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(snapshot);
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
