// babel-preset-taro compiles both platforms (framework must match config/index.ts); TypeScript types are checked by `npm run typecheck`.
module.exports = {
  presets: [['taro', { framework: 'preact', ts: true, compiler: 'webpack5' }]],
}
