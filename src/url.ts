// The one check of a URL a user gives kiteguard (API base URLs, policy bundle URLs): http(s), without
// credentials, query or fragment. A URL that may carry a secret is refused without echoing it.
import { UsageError } from './errors.js';

/** The URL without a trailing slash; a UsageError naming `flag` when it is not an http(s) URL free of credentials. */
export function checkUrl(value: string, flag: string, example = 'https://ghe.example.com/api/v3'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag}: ${/[@?#]/.test(value) ? 'the value' : value} is not a URL; expected an http(s) URL`);
  }
  if (url.username || url.password) throw new UsageError(`${flag}: the URL carries credentials (user:password@); give tokens through the environment, never in a URL`);
  if (url.search || url.hash) throw new UsageError(`${flag}: the URL has a query or fragment, which may hold a credential; expected a URL such as ${example}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${flag} ${value}: expected an http(s) URL`);
  return value.replace(/\/+$/, '');
}
