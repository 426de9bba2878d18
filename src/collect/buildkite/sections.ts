// Turns one read into a section envelope: data when it worked, `unavailable` with status, reason and scope when it did not.
import type { CollectEvents } from '../events.js';
import { ok, unreadable, type Section, type Unavailable } from '../../snapshot/section.js';
import { BuildkiteApiError, BuildkiteGraphqlError } from './errors.js';

/** Scope hints for `needs`, in Buildkite's own spelling. */
export const NEEDS = {
  organizations: 'read_organizations',
  token: 'a valid Buildkite API access token',
  settings: 'read_organization_settings (and organization admin)',
  repositoryConnections: 'read_organization_repository_connections (and organization admin)',
  pipelines: 'read_pipelines',
  templates: 'read_pipeline_templates',
  teams: 'read_teams',
  clusters: 'read_clusters',
  secrets: 'read_secrets_details',
  rules: 'read_rules',
  graphql: 'GraphQL API access enabled on the token',
  graphqlAdmin: 'GraphQL API access enabled on the token, and organization admin',
  registries: 'GraphQL API access enabled on the token (read_registries), and access to every registry (organization admin)',
} as const;

/** Reads sections, recording the readable path of every one that ends up unavailable. */
export class SectionReader {
  /** Paths of sections that could not be read, e.g. `buildkite.clusters[prod].secrets`. */
  readonly incomplete: string[] = [];

  constructor(private readonly events: CollectEvents) {}

  /** Runs `read`; a Buildkite API failure or a response of the wrong shape becomes an `unavailable` section. */
  async read<T>(name: string, needs: string, read: () => Promise<T>): Promise<Section<T>> {
    try {
      return ok(await read());
    } catch (err) {
      return this.fail(name, needs, err);
    }
  }

  /** Records `name` as unavailable because of `err` (an API failure or a response of the wrong shape). */
  fail(name: string, needs: string, err: unknown): Unavailable {
    const section = this.describe(name, needs, err);
    this.incomplete.push(name);
    return section;
  }

  /** The unavailable section `err` makes of `name`, warned about but not recorded (for errors that several sections share). */
  describe(name: string, needs: string, err: unknown): Unavailable {
    if (!(err instanceof BuildkiteApiError)) {
      const detail = err instanceof Error ? err.message : String(err);
      this.events.warn('buildkite', `${name} left unavailable: the response did not have the expected shape (${detail})`);
      return unreadable(`the response did not have the shape Buildkite documents (${detail})`, undefined, undefined);
    }
    const denied = err.isAccessDenied || (err instanceof BuildkiteGraphqlError && err.messages.some(looksLikePermission));
    this.events.warn('buildkite', `${name} left unavailable: ${err.message}${denied ? ` (needs ${needs})` : ''}`);
    return unreadable(err.message, err.status, denied ? needs : undefined);
  }

  /** Records `name` (a field inside a section that was read) as unavailable, warning with `message`. */
  record(name: string, message: string): void {
    this.events.warn('buildkite', message);
    this.incomplete.push(name);
  }

  /** Records `name` as unavailable for the same reason as an earlier section. */
  copy(name: string, from: Unavailable): Unavailable {
    this.incomplete.push(name);
    return { ...from };
  }
}

/** Whether a GraphQL error message says the token may not see what it asked for. */
export function looksLikePermission(message: string): boolean {
  return /not (authori[sz]ed|allowed|permitted)|permission|forbidden|access/i.test(message);
}
