// The core (rng, data, nn, train, experiments, plot specs, notebook API) runs the same in
// Node and in the browser: it must not reach for Node's built-ins, the Node-only layer
// (src/node, src/cli) or the page (web/). Checked by `npm test` (npm run lint:deps).
const CORE =
  '^src/(rng|data|nn|train|experiments|plot|notebook|generated|theory|reproduce|linalg)/|^src/(errors|spec|validate|format|index|base64)\\.ts$';

/** A rule that files matching `from` (a path pattern) import nothing matching `to`. */
const layering = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: 'core-stays-pure',
      comment: 'core code must not import Node built-ins',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core'] },
    },
    layering(
      'core-does-not-import-node-or-cli',
      'Node-only and CLI code import the core, never the other way',
      CORE,
      '^src/(node|cli)/',
    ),
    layering(
      'core-does-not-import-the-page',
      'the page imports the core, never the other way',
      '^src/',
      '^web/',
    ),
    layering(
      'linalg-is-the-floor',
      'Matrix sits below both the data generators and the network: it imports neither',
      '^src/linalg/',
      '^src/(data|nn|train|experiments|notebook|reproduce|theory|plot)/',
    ),
    layering(
      'data-stays-below-the-network',
      'datasets are made without the network, training or the experiments',
      '^src/data/',
      '^src/(nn|train|experiments|notebook|reproduce)/',
    ),
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
