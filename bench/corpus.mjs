// Shared by the benchmarks: every pipeline of a corpus directory, normalized once and
// serialized as the policy input (files that do not parse are left out; the corpus test counts them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The corpus's YAML files, in path order; throws when the directory is missing. */
export function corpusFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** The corpus's pipelines as pre-serialized inputs, in path order; throws when the directory is missing. */
export function corpusInputs(api, dir) {
  const now = new Date().toISOString();
  const inputs = [];
  for (const f of corpusFiles(dir)) {
    try {
      const { pipeline } = api.loadPipeline(readFileSync(f, 'utf8'), f);
      inputs.push(new TextEncoder().encode(JSON.stringify({ pipeline, context: {}, now })).buffer);
    } catch {
      /* unparseable corpus files are counted by the corpus test, not here */
    }
  }
  return inputs;
}
