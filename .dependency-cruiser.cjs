/** @type {import('dependency-cruiser').IConfiguration} */
const SERVER = '^apps/server/src/';
const FEATURES = `${SERVER}features/`;
const TESTS = '(\\.test\\.tsx?|\\.test-support\\.ts|/test-support\\.ts|/test/)';

module.exports = {
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
      name: 'index-without-routes',
      severity: 'error',
      comment: 'index.ts is the public face for other features; routes are wired by app.ts alone.',
      from: { path: `${FEATURES}[^/]+/index\\.ts$` },
      to: { path: '\\.routes\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data|\\.tmp|test-results|playwright-report)/' },
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
