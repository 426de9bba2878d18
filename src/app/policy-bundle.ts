// Which signed policy bundle a command runs with (`--bundle` / `--verification-key`, else `bundle:` and
// `verification_key:` in .kiteguard.yml), verified and put in place of the shipped policies before any use.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { load } from 'js-yaml';
import { findConfig } from '../config/load.js';
import { useAssets } from '../engine/assets.js';
import { activateBundle } from '../engine/bundle.js';
import { InputError, UsageError } from '../errors.js';

/** The bundle flags of a command, and where it runs. */
export interface BundleRequest {
  cwd: string;
  bundle?: string;
  verificationKey?: string;
  /** Explicit `--config`; otherwise `.kiteguard.yml` is looked up from cwd upward. */
  configPath?: string;
}

/** Verifies and activates the configured bundle; returns whether one is in use (the shipped policies otherwise). */
export function usePolicyBundle(req: BundleRequest): boolean {
  const fromConfig = bundleSettings(req.configPath ?? findConfig(req.cwd));
  const bundle = req.bundle ? resolve(req.cwd, req.bundle) : fromConfig.bundle;
  const key = req.verificationKey ? resolve(req.cwd, req.verificationKey) : fromConfig.key;
  if (!bundle) {
    if (req.verificationKey) throw new UsageError('--verification-key needs a bundle (--bundle or `bundle:` in .kiteguard.yml)');
    useAssets({});
    return false;
  }
  if (!key) throw new UsageError(`the policy bundle ${bundle} is used only once verified: give --verification-key FILE (or \`verification_key:\` in .kiteguard.yml)`);
  activateBundle(bundle, key);
  return true;
}

/** `bundle:` and `verification_key:` of a config file, resolved against its folder. */
function bundleSettings(file: string | undefined): { bundle?: string; key?: string } {
  if (!file) return {};
  let doc: unknown;
  try {
    doc = load(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  if (!doc || typeof doc !== 'object') return {};
  const { bundle, verification_key: key } = doc as Record<string, unknown>;
  const path = (value: unknown, name: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new InputError(`\`${name}\` must be a path`, { file });
    return resolve(dirname(file), value);
  };
  const out: { bundle?: string; key?: string } = {};
  const b = path(bundle, 'bundle');
  const k = path(key, 'verification_key');
  if (b) out.bundle = b;
  if (k) out.key = k;
  return out;
}
