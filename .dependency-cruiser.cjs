// Process and layer boundaries, checked in `npm run check`. electron/ is the main
// process, renderer/ the browser, shared/ runs in both, sandbox/ is the CareCloud
// stand-in (embedded by main in demo mode). Services never speak IPC: only
// electron/ipc/ turns their results and errors into answers.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Modules that import each other cannot be read, tested or moved one at a time; a type-only import ' +
        'ties them as much as any other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'renderer-stays-in-the-browser',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|sandbox|resources|bench|scripts)/' },
    },
    {
      name: 'renderer-has-no-node-or-electron',
      severity: 'error',
      from: { path: '^(renderer|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer|sandbox|resources|bench|scripts|test)/' },
    },
    {
      name: 'sandbox-is-not-the-app',
      severity: 'error',
      from: { path: '^sandbox/' },
      to: { path: '^(electron|renderer|bench|scripts|test)/' },
    },
    {
      name: 'electron-only-in-main',
      severity: 'error',
      from: { pathNot: '^(electron|test|scripts)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'main-does-not-reach-into-the-renderer',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^(renderer|test|bench|scripts)/' },
    },
    {
      name: 'services-never-import-ipc',
      severity: 'error',
      comment:
        'Services return results and throw domain errors in the types of shared/ (operators, customers, ...); ' +
        'electron/ipc/ and the IPC contract (shared/ipc/) make answers of them. Type-only imports count too.',
      from: {
        path: '^electron/',
        pathNot: '^electron/(ipc/|main\\.ts|preload|app/|preview/)',
      },
      to: { path: '^(electron|shared)/ipc/' },
    },
    {
      name: 'the-domain-does-not-import-the-contract',
      severity: 'error',
      comment: 'The contract composes the domain modules of shared/; they never need it.',
      from: { path: '^shared/', pathNot: '^shared/ipc/' },
      to: { path: '^shared/ipc/' },
    },
    {
      name: 'product-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(electron|renderer|shared|sandbox)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules|test-artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.svelte', '.mjs', '.cjs', '.json'],
    },
  },
};
