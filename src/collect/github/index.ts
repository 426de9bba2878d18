// The GitHub collector's public surface.
export { collectGithub, type GithubCollection } from './collect.js';
export { graphqlUrl, restBase, DEFAULT_API_URL, type CollectGithubOptions, type GithubAuth } from './options.js';
export type * from '../../snapshot/github.js';
