// babel-preset-taro compiles both platforms; TypeScript types are checked by `npm run typecheck`.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
