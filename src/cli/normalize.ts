// `kiteguard normalize FILE`: prints the input document the pipeline policies see.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadPipeline } from '../pipeline/load.js';
import type { CliIo, Finish } from './io.js';

/** Adds the `normalize` command to the program. */
export function registerNormalize(program: Command, io: CliIo, finish: Finish): void {
  program
    .command('normalize')
    .description('print the normalized pipeline (the `input` that policies evaluate) as JSON; `-` reads stdin')
    .argument('<file>', 'a pipeline YAML file')
    .action(async (file: string) => {
      let text: string;
      try {
        text = file === '-' ? await io.readStdin() : readFileSync(resolve(io.cwd, file), 'utf8');
      } catch {
        throw new InputError('cannot read the file', { file });
      }
      const { pipeline } = loadPipeline(text, file === '-' ? '<stdin>' : file);
      io.stdout(JSON.stringify({ pipeline, context: {}, now: new Date().toISOString() }, null, 2) + '\n');
      finish({ kind: 'done' });
    });
}
