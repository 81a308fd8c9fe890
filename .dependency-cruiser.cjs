// The core (rng, data, nn, train, experiments, plot specs, notebook API) runs the same in
// Node and in the browser: it must not reach for Node's built-ins, the Node-only layer
// (src/node, src/cli) or the page (web/). Checked by `npm test` (npm run lint:deps).
const CORE =
  '^src/(rng|data|nn|train|experiments|plot|notebook|generated|theory|reproduce|linalg)/|^src/(errors|spec|validate|format|index|base64)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'core-stays-pure',
      comment: 'core code must not import Node built-ins',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-does-not-import-node-or-cli',
      comment: 'Node-only and CLI code import the core, never the other way',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/(node|cli)/' },
    },
    {
      name: 'core-does-not-import-the-page',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'linalg-is-the-floor',
      comment: 'Matrix sits below both the data generators and the network: it imports neither',
      severity: 'error',
      from: { path: '^src/linalg/' },
      to: { path: '^src/(data|nn|train|experiments|notebook|reproduce|theory|plot)/' },
    },
    {
      name: 'data-stays-below-the-network',
      comment: 'datasets are made without the network, training or the experiments',
      severity: 'error',
      from: { path: '^src/data/' },
      to: { path: '^src/(nn|train|experiments|notebook|reproduce)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: false, // type-only imports vanish at build time: they make no cycle and no dependency
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
