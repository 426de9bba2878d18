// Plugin references: `name#ref` splitting and canonical sources.
import { expect, test } from 'vitest';
import { parsePlugin } from '../src/pipeline/plugins.js';

test.each([
  ['docker#v5.12.0', 'docker', 'v5.12.0', 'github.com/buildkite-plugins/docker-buildkite-plugin', false],
  ['docker', 'docker', null, 'github.com/buildkite-plugins/docker-buildkite-plugin', false],
  ['docker-compose#main', 'docker-compose', 'main', 'github.com/buildkite-plugins/docker-compose-buildkite-plugin', false],
  ['acme/foo#v1', 'acme/foo', 'v1', 'github.com/acme/foo-buildkite-plugin', false],
  ['acme/foo-buildkite-plugin#v1', 'acme/foo-buildkite-plugin', 'v1', 'github.com/acme/foo-buildkite-plugin', false],
  ['github.com/acme/foo#v1', 'github.com/acme/foo', 'v1', 'github.com/acme/foo', false],
  ['gitlab.com/acme/sub/foo.git#v1', 'gitlab.com/acme/sub/foo.git', 'v1', 'gitlab.com/acme/sub/foo', false],
  [
    'https://github.com/acme/foo-buildkite-plugin.git#v1.2.3',
    'https://github.com/acme/foo-buildkite-plugin.git',
    'v1.2.3',
    'github.com/acme/foo-buildkite-plugin',
    false,
  ],
  ['ssh://git@github.com/acme/foo.git#abc123', 'ssh://git@github.com/acme/foo.git', 'abc123', 'github.com/acme/foo', false],
  ['git@github.com:acme/foo.git#v2', 'git@github.com:acme/foo.git', 'v2', 'github.com/acme/foo', false],
  ['https://user:token@example.com/acme/foo.git', 'https://user:token@example.com/acme/foo.git', null, 'example.com/acme/foo', false],
  ['./.buildkite/plugins/local', './.buildkite/plugins/local', null, './.buildkite/plugins/local', true],
  ['../shared/plugin#v1', '../shared/plugin', 'v1', '../shared/plugin', true],
  ['/opt/plugins/x', '/opt/plugins/x', null, '/opt/plugins/x', true],
  ['file:///opt/plugins/x#v1', 'file:///opt/plugins/x', 'v1', 'file:///opt/plugins/x', true],
  ['${PLUGIN_REPO}#v1', '${PLUGIN_REPO}', 'v1', '${PLUGIN_REPO}', true],
  ['${REPO:-a#b}#${COMMIT}', '${REPO:-a#b}', '${COMMIT}', '${REPO:-a#b}', true],
  ['docker#${DOCKER_PLUGIN_VERSION}', 'docker', '${DOCKER_PLUGIN_VERSION}', 'github.com/buildkite-plugins/docker-buildkite-plugin', true],
])('%s', (reference, name, ref, source, dynamic) => {
  expect(parsePlugin(reference, null)).toEqual({ name, ref, source, dynamic, config: null });
});
