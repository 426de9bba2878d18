// Which YAML a sweep judges for a Buildkite pipeline whose saved steps only run `buildkite-agent pipeline upload`:
// the file the agent would upload, looked for in the agent's own order.
import { describe, expect, it } from 'vitest';
import { pipelineSource, type RepoFile } from '../src/targets/pipeline-source.js';

const UPLOAD_ONLY = 'steps:\n  - command: buildkite-agent pipeline upload\n';

function files(...paths: string[]): { status: 'ok'; data: RepoFile[] } {
  return { status: 'ok', data: paths.map((path) => ({ path, text: `# ${path}\nsteps: []\n`, truncated: false })) };
}

describe('the pipeline file a plain upload reads', () => {
  it('is buildkite.yml before .buildkite/pipeline.yml, as the agent looks', () => {
    const source = pipelineSource('deploy', UPLOAD_ONLY, 'acme/api', files('.buildkite/pipeline.yml', 'buildkite.yml'));
    expect(source).toMatchObject({ found: true, name: 'acme/api:buildkite.yml' });
  });

  it('is buildkite/pipeline.yml when that is the only one the agent reads', () => {
    const source = pipelineSource('deploy', UPLOAD_ONLY, 'acme/api', files('buildkite/pipeline.yml'));
    expect(source).toMatchObject({ found: true, name: 'acme/api:buildkite/pipeline.yml' });
  });

  it('is none when the repository holds only a file the agent does not look for', () => {
    const source = pipelineSource('deploy', UPLOAD_ONLY, 'acme/api', files('.buildkite.yml'));
    expect(source.found).toBe(false);
  });
});
