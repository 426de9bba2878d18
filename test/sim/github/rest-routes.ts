// The REST endpoints the simulator serves, with GitHub's permission rules and 404 semantics.
import type { Caller, SimAuth } from './auth.js';
import { permissionOn } from './auth.js';
import type { SimOrg } from './model.js';
import { branchProtectionBody, branchRuleBody, fullRepo, installationBody, minimalRepo, orgBody, patGrantBody, rateLimitBody } from './rest-shapes.js';
import { protectionFor, rulesForBranch } from './rules-match.js';

/** One REST request, after auth. */
export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  caller: Caller;
  /** The REST base URL, for links in bodies and `Link` headers. */
  api: string;
}

/** A REST answer before headers are added. */
export interface RestAnswer {
  status: number;
  body: unknown;
  link?: string;
  /** Requests GitHub does not count against the rate limit (`GET /rate_limit`, token minting). */
  free?: boolean;
}

/** Shared simulator state the routes read. */
export interface RouteContext {
  org: SimOrg;
  auth: SimAuth;
  rate(identity: string): { core: { limit: number; used: number; reset: number }; graphql: { limit: number; used: number; reset: number } };
}

const DOCS = 'https://docs.github.com/rest';
const notFound = (): RestAnswer => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } });
const forbidden = (message: string): RestAnswer => ({ status: 403, body: { message, documentation_url: DOCS, status: '403' } });

function page<T>(items: T[], req: RestRequest): { items: T[]; link?: string } {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)));
  const pageNo = Math.max(1, Number(req.query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const href = (n: number) => {
    const q = new URLSearchParams(req.query);
    q.set('per_page', String(perPage));
    q.set('page', String(n));
    return `<${req.api}${req.path}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (pageNo < last) links.push(`${href(pageNo + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (pageNo > 1) links.push(`${href(1)}; rel="first"`, `${href(pageNo - 1)}; rel="prev"`);
  return { items: items.slice((pageNo - 1) * perPage, pageNo * perPage), link: links.length ? links.join(', ') : undefined };
}

function appRoutes(req: RestRequest, ctx: RouteContext): RestAnswer {
  const { org, auth } = ctx;
  if (req.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(req.path)) {
    if (req.path !== `/app/installations/${auth.installationId()}/access_tokens`) return notFound();
    const minted = auth.mint();
    return { status: 201, body: { ...minted, permissions: { administration: 'read', organization_administration: 'read', organization_personal_access_tokens: 'read', contents: 'read', metadata: 'read' }, repository_selection: 'all' }, free: true };
  }
  if (req.method === 'GET' && req.path === `/orgs/${org.login}/installation`) {
    const inst = { id: auth.installationId() ?? 0, app_id: 0, app_slug: 'kiteguard', repository_selection: 'all' as const, permissions: {}, events: [] };
    return { status: 200, body: installationBody(req.api, org, inst), free: true };
  }
  return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: DOCS, status: '401' } };
}

/** Answers one REST request from the model. */
export function routeRest(req: RestRequest, ctx: RouteContext): RestAnswer {
  const { org } = ctx;
  if (req.caller.type === 'app') return appRoutes(req, ctx);
  const token = req.caller.token;
  const owner = token.orgRole === 'owner';
  if (req.method !== 'GET') return notFound();
  if (req.path === '/rate_limit') {
    const r = ctx.rate(req.caller.identity);
    return { status: 200, body: rateLimitBody(r.core, r.graphql), free: true };
  }
  const orgPath = `/orgs/${org.login}`;
  if (req.path === orgPath) return { status: 200, body: orgBody(req.api, org, owner) };
  if (req.path === `${orgPath}/repos`) {
    const p = page(org.repos, req);
    return { status: 200, body: p.items.map((r) => minimalRepo(req.api, org, r, permissionOn(token, r.name) === 'ADMIN')), link: p.link };
  }
  if (req.path === `${orgPath}/installations`) {
    if (!owner) return forbidden('You must be an organization owner to list app installations.');
    const p = page(org.installations, req);
    return { status: 200, body: { total_count: org.installations.length, installations: p.items.map((i) => installationBody(req.api, org, i)) }, link: p.link };
  }
  if (req.path === `${orgPath}/personal-access-tokens`) {
    if (token.kind !== 'installation') return forbidden('Resource not accessible by personal access token');
    const p = page(org.patGrants, req);
    return { status: 200, body: p.items.map((g) => patGrantBody(req.api, org, g)), link: p.link };
  }
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path);
  const repo = m && m[1] === org.login ? org.repos.find((r) => r.name === m[2]) : undefined;
  if (!m || !repo) return notFound();
  const admin = permissionOn(token, repo.name) === 'ADMIN';
  const rest = m[3] ?? '';
  if (rest === '') return { status: 200, body: fullRepo(req.api, org, repo, admin) };
  const prot = /^\/branches\/([^/]+)\/protection$/.exec(rest);
  if (prot) {
    const rule = protectionFor(repo, decodeURIComponent(prot[1]!));
    if (!admin) return notFound();
    if (!rule) return { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS, status: '404' } };
    return { status: 200, body: branchProtectionBody(req.api, org, repo, rule) };
  }
  const rules = /^\/rules\/branches\/([^/]+)$/.exec(rest);
  if (rules) {
    const list = rulesForBranch(org, repo, decodeURIComponent(rules[1]!)).map(({ rule, ruleset, source }) => branchRuleBody(org, repo, rule, ruleset, source));
    const p = page(list, req);
    return { status: 200, body: p.items, link: p.link };
  }
  return notFound();
}
