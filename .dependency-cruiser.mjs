// The boundaries of docs/ARCHITECTURE.md ("Boundaries, checked"), run by `npm run depcheck`.
import fs from 'node:fs';
import path from 'node:path';

const SERVER = '^apps/server/src/';
const FEATURES = `${SERVER}features/`;
// Tests may reach inside any feature to set up what they need; product code may not.
const TESTS = '(\\.test\\.tsx?$|\\.test-support\\.ts$|/test-support\\.ts$|^apps/server/src/test/)';

// dependency-cruiser checks imports, not files: a feature without its index.ts stops the check here.
const featuresDir = path.join(import.meta.dirname, 'apps/server/src/features');
const withoutIndex = fs
  .readdirSync(featuresDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !fs.existsSync(path.join(featuresDir, d.name, 'index.ts')))
  .map((d) => d.name);
if (withoutIndex.length > 0)
  throw new Error(`every feature needs an index.ts; missing in: ${withoutIndex.join(', ')}`);

/** @type {import('dependency-cruiser').IConfiguration} */

export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means neither side can be read, tested or moved without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment:
        'The desk talks to the server over HTTP and sockets; shared shapes live in the contract.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      comment: 'The server serves the built desk as files; it never imports its code.',
      from: { path: '^apps/server/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'radix-only-in-ui',
      severity: 'error',
      comment:
        'Radix primitives are wrapped and styled once in apps/web/src/ui/; features use the wrappers.',
      from: { path: '^apps/web/', pathNot: '^apps/web/src/ui/' },
      to: { path: '(^|/)node_modules/@radix-ui/' },
    },
    {
      name: 'contract-stands-alone',
      severity: 'error',
      comment: 'Both sides depend on the contract, so the contract depends on neither.',
      from: { path: '^packages/contract/' },
      to: { path: '^apps/' },
    },
    {
      name: 'db-below-features',
      severity: 'error',
      comment: 'db is the bottom layer: it knows tables and drivers, not features or sockets.',
      from: { path: `${SERVER}db/` },
      to: { path: `${SERVER}(features|realtime|http|app\\.ts|main\\.ts)` },
    },
    {
      name: 'repo-not-upward',
      severity: 'error',
      comment: 'routes → service → repo → db: a repo runs queries and never calls back up.',
      from: { path: '\\.repo\\.ts$' },
      to: { path: '\\.(service|routes)\\.ts$' },
    },
    {
      name: 'queries-only-in-repos',
      severity: 'error',
      comment:
        'SQL lives in *.repo.ts files (ADR 11): drizzle, table values and the raw query helpers ' +
        'are for repos and db/ alone; a service takes `type Db` and calls repos.',
      from: {
        path: SERVER,
        pathNot: ['\\.repo\\.ts$', `${SERVER}db/`, TESTS],
      },
      to: {
        path: ['(^|/)node_modules/drizzle-orm/', `${SERVER}db/schema(\\.ts$|/)`],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'database-opened-by-entry-points',
      severity: 'error',
      comment:
        'Outside repos and db/, the database client is a type (`Db`); only main.ts and the ' +
        'command line open a database.',
      from: {
        path: SERVER,
        pathNot: ['\\.repo\\.ts$', `${SERVER}db/`, `${SERVER}(main\\.ts|cli/)`, TESTS],
      },
      to: { path: `${SERVER}db/client\\.ts$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'service-not-routes',
      severity: 'error',
      comment: 'A service never sees a request; only app.ts and its routes know HTTP.',
      from: { path: '\\.service\\.ts$' },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'routes-only-from-app',
      severity: 'error',
      comment: "app.ts registers each feature's routes file directly; nothing else imports routes.",
      from: { path: SERVER, pathNot: [`${SERVER}app\\.ts$`, TESTS] },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'feature-through-index',
      severity: 'error',
      comment:
        'A feature reaches another only through its index.ts, so its inside can change freely.',
      from: { path: `${FEATURES}([^/]+)/`, pathNot: TESTS },
      to: {
        path: FEATURES,
        pathNot: [`${FEATURES}$1/`, `${FEATURES}[^/]+/index\\.ts$`],
      },
    },
    {
      name: 'outside-through-index',
      severity: 'error',
      comment: 'http, realtime, cli and main use a feature through its index.ts too.',
      from: { path: SERVER, pathNot: [FEATURES, `${SERVER}app\\.ts$`, TESTS] },
      to: { path: FEATURES, pathNot: `${FEATURES}[^/]+/index\\.ts$` },
    },
    {
      name: 'app-wires-index-and-routes',
      severity: 'error',
      comment: 'app.ts registers routes files and otherwise uses features like anyone else.',
      from: { path: `${SERVER}app\\.ts$` },
      to: { path: FEATURES, pathNot: `${FEATURES}[^/]+/(index|[^/]+\\.routes)\\.ts$` },
    },
    {
      name: 'index-without-routes',
      severity: 'error',
      comment: 'index.ts is the public face for other features; routes are wired by app.ts alone.',
      from: { path: `${FEATURES}[^/]+/index\\.ts$` },
      to: { path: '\\.routes\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // drizzle-orm and Radix stay in the graph (as leaves, never followed) so that
    // queries-only-in-repos and radix-only-in-ui can see who imports them.
    exclude: {
      path: '^(?!node_modules/(@radix-ui|drizzle-orm)/).*(^|/)(node_modules|dist|data|\\.tmp|test-results|playwright-report)/',
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
