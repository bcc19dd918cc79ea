// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// A project-wide config (babel.config.js, not .babelrc) so it also applies to libs/domain,
// which sits outside this folder and is compiled from source.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
