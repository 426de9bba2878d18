// The envelope every snapshot section is wrapped in, so policies can tell "off" from "not visible".

/** Why a section could not be read: the HTTP status, what went wrong, and the permission or scope it needs. */
export interface Unavailable {
  status: 'unavailable';
  reason: string;
  http_status?: number;
  /** The permission, scope or role that would make the section readable (e.g. `admin:org`, `read_pipelines`). */
  needs?: string;
}

/** A section that was read. */
export interface Available<T> {
  status: 'ok';
  data: T;
}

/** One section of a snapshot: the data as the upstream API returned it, or why it is missing. */
export type Section<T> = Available<T> | Unavailable;

/** Wraps data that was read. */
export function ok<T>(data: T): Available<T> {
  return { status: 'ok', data };
}

/** Records a section that could not be read. */
export function unavailable(reason: string, detail: { http_status?: number; needs?: string } = {}): Unavailable {
  return { status: 'unavailable', reason, ...detail };
}

/** Records a section a failed request left unreadable: the HTTP status when the server answered with an error, and what would make it readable. */
export function unreadable(reason: string, status: number | undefined, needs: string | undefined): Unavailable {
  return unavailable(reason, { ...(status !== undefined && status >= 400 ? { http_status: status } : {}), ...(needs ? { needs } : {}) });
}

/** Whether a value is an `unavailable` envelope: a section, or a field the collector could not read in its place. */
export function isUnavailable(value: unknown): value is Unavailable {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && (value as { status?: unknown }).status === 'unavailable';
}

/** A field's value, or undefined when the collector left an `unavailable` envelope in its place. */
export function known<T>(value: T | Unavailable): T | undefined {
  return isUnavailable(value) ? undefined : (value as T);
}

/** Whether a section was read. */
export function isAvailable<T>(section: Section<T> | undefined): section is Available<T> {
  return section?.status === 'ok';
}
