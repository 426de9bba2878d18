// `blast-radius --env VAR`: the pipelines whose YAML or Buildkite settings set or read an
// environment variable, and who can see or run them.
import { audienceOf } from './audience.js';
import { loadDefinitions } from './definitions.js';
import { summarize, type Estate } from './estate.js';
import type { Audience, BlastQuery, NotInspected, NotVisible, PipelineSummary, Reference } from './model.js';
import { envReferences } from './references.js';

/** One pipeline that sets or reads the variable. */
export interface EnvPipeline {
  pipeline: PipelineSummary;
  references: Reference[];
}

/** The answer to an environment-variable query. */
export interface EnvReport {
  query: BlastQuery & { kind: 'env' };
  matched: boolean;
  pipelines: EnvPipeline[];
  audience: Audience;
  not_inspected: NotInspected[];
  not_visible: NotVisible[];
}

/** Every pipeline of the snapshot that sets or reads the environment variable `name`. */
export function envBlastRadius(estate: Estate, name: string): EnvReport {
  const notInspected: NotInspected[] = [];
  const pipelines: EnvPipeline[] = [];
  for (const definition of loadDefinitions(estate.snapshot, estate.pipelines)) {
    notInspected.push(...definition.notInspected);
    const { pipeline } = definition;
    const references: Reference[] = [];
    const settings = pipeline['env'];
    if (settings !== null && typeof settings === 'object' && Object.hasOwn(settings, name)) {
      references.push({ file: `buildkite:${pipeline.slug} (pipeline settings)`, line: null, kind: 'pipeline env', detail: `the pipeline's Buildkite env setting sets ${name}` });
    }
    references.push(...definition.files.flatMap((f) => envReferences(f, name)));
    if (references.length > 0) pipelines.push({ pipeline: summarize(estate, pipeline), references });
  }
  pipelines.sort((a, b) => a.pipeline.slug.localeCompare(b.pipeline.slug));
  const reached = estate.pipelines.filter((p) => pipelines.some((e) => e.pipeline.id === p.id));
  return {
    query: { kind: 'env', name },
    matched: pipelines.length > 0,
    pipelines,
    audience: audienceOf(estate.buildkite, reached, estate.notVisible),
    not_inspected: notInspected,
    not_visible: estate.notVisible,
  };
}
