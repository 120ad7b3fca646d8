/**
 * The layer order of src/ (docs/architecture.md), checked on every `npm run lint`:
 *
 *   engine → config → (store | views) → ui → tour → lessons → workers → app
 *
 * A folder may import its own layer and the layers before it, never one after it; store and views
 * never import each other. No import cycles anywhere in src/ (type-only imports count too).
 */
const ORDER = ['engine', 'config', ['store', 'views'], 'ui', 'tour', 'lessons', 'workers', 'app'];
const ORDER_TEXT = 'engine → config → (store | views) → ui → tour → lessons → workers → app';

/** Every layer a folder may import: its own and each one before it in ORDER. */
function allowedFor(layer) {
  const allowed = [];
  for (const step of ORDER) {
    const names = Array.isArray(step) ? step : [step];
    if (names.includes(layer)) return [...allowed, layer];
    allowed.push(...names);
  }
  throw new Error(`unknown layer ${layer}`);
}

const layerRules = ORDER.flat().map((layer) => {
  const allowed = allowedFor(layer);
  return {
    name: `layer-${layer}`,
    comment:
      `src/${layer}/ may import only ${allowed.map((l) => `src/${l}/`).join(', ')} ` +
      `(layer order ${ORDER_TEXT}; docs/architecture.md)`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'import cycles make load order fragile: move the shared part into a file of its own',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-stays-pure',
      comment:
        'src/engine/ runs unchanged in Node and the browser: no React, Zustand, D3 or DOM code',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: 'node_modules/(react|react-dom|zustand|d3|d3-[a-z-]+)/' },
    },
    {
      name: 'src-not-from-tooling',
      comment: 'the app never imports tests/, scripts/, reference/, dev/ or bench/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|scripts|reference|dev|bench)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.css$' },
  },
};
