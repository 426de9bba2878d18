// Which signed policy bundle a command runs with (`--bundle` / `--verification-key`, else `bundle:` and
// `verification_key:` in .kiteguard.yml), verified and put in place of the shipped policies before any use.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { load } from 'js-yaml';
import { findConfig } from '../config/load.js';
import { useAssets } from '../engine/assets.js';
import { activateBundle } from '../engine/bundle.js';
import { InputError, UsageError } from '../errors.js';
import { fetchBundle, isBundleUrl } from './bundle-url.js';

/** The bundle flags of a command, and where it runs. */
export interface BundleRequest {
  cwd: string;
  bundle?: string;
  verificationKey?: string;
  /** A JWKS file; the signature's key id picks the key. */
  verificationKeys?: string;
  /** The `scope` the signature must carry. */
  scope?: string;
  /** The issuer (`iss`) the signature must carry. */
  issuer?: string;
  /** Explicit `--config`; otherwise `.kiteguard.yml` is looked up from cwd upward. */
  configPath?: string;
  /** The environment (the bundle cache folder of a URL bundle). */
  env?: Record<string, string | undefined>;
  /** Notices for stderr (a URL bundle run from the cache). */
  warn?: (line: string) => void;
}

/** Verifies and activates the configured bundle (fetching a URL one); returns whether one is in use (the shipped policies otherwise). */
export async function usePolicyBundle(req: BundleRequest): Promise<boolean> {
  const fromConfig = bundleSettings(req.configPath ?? findConfig(req.cwd));
  const bundle = req.bundle ? (isBundleUrl(req.bundle) ? req.bundle : resolve(req.cwd, req.bundle)) : fromConfig.bundle;
  if (req.verificationKey && req.verificationKeys) throw new UsageError('give either --verification-key or --verification-keys, not both');
  // A key given on the command line replaces the config's key and key set alike.
  const flagged = req.verificationKey || req.verificationKeys;
  const key = req.verificationKey ? resolve(req.cwd, req.verificationKey) : flagged ? undefined : fromConfig.key;
  const keys = req.verificationKeys ? resolve(req.cwd, req.verificationKeys) : flagged ? undefined : fromConfig.keys;
  if (!bundle) {
    if (flagged || req.scope || req.issuer) throw new UsageError('--verification-key(s), --bundle-scope and --bundle-issuer need a bundle (--bundle or `bundle:` in .kiteguard.yml)');
    useAssets({});
    return false;
  }
  if (key && keys) throw new InputError('give either `verification_key:` or `verification_keys:`, not both', { file: fromConfig.file ?? bundle });
  if (!key && !keys) {
    throw new UsageError(
      `the policy bundle ${bundle} is used only once verified: give --verification-key FILE or --verification-keys JWKS (or \`verification_key:\` / \`verification_keys:\` in .kiteguard.yml)`,
    );
  }
  const scope = req.scope ?? fromConfig.scope;
  const issuer = req.issuer ?? fromConfig.issuer;
  const local = isBundleUrl(bundle) ? await fetchBundle(bundle, req.env ?? {}, req.warn ?? (() => undefined)) : bundle;
  activateBundle(local, key ? { keyFile: key } : { keysFile: keys as string }, { ...(scope ? { scope } : {}), ...(issuer ? { issuer } : {}) }, bundle);
  return true;
}

/** What a config file says about the bundle. */
interface BundleSettings {
  file?: string;
  bundle?: string;
  key?: string;
  keys?: string;
  scope?: string;
  issuer?: string;
}

/** `bundle:`, `verification_key(s):`, `bundle_scope:` and `bundle_issuer:` of a config file, paths resolved against its folder. */
function bundleSettings(file: string | undefined): BundleSettings {
  if (!file) return {};
  let doc: unknown;
  try {
    doc = load(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  if (!doc || typeof doc !== 'object') return {};
  const settings = doc as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = settings[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new InputError(`\`${name}\` must be a string`, { file });
    return value;
  };
  const path = (name: string): string | undefined => {
    const value = text(name);
    return value === undefined ? undefined : resolve(dirname(file), value);
  };
  const out: BundleSettings = { file };
  const where = text('bundle');
  const found = { bundle: where !== undefined && isBundleUrl(where) ? where : path('bundle'), key: path('verification_key'), keys: path('verification_keys'), scope: text('bundle_scope'), issuer: text('bundle_issuer') };
  for (const [name, value] of Object.entries(found)) if (value !== undefined) out[name as keyof BundleSettings] = value;
  return out;
}
