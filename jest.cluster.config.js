// npm run test:cluster: the races of apps/api/test/cluster on the Galera cluster of scripts/galera.sh.
// Kept out of `npm test` (jest.config.js): it needs three extra MariaDB nodes and takes minutes.
const { projects } = require('./jest.config');

const api = projects.find((p) => p.displayName === 'api');
module.exports = {
  testTimeout: 180_000,
  projects: [{ ...api, displayName: 'cluster', testMatch: ['<rootDir>/apps/api/test/cluster/**/*.cluster.ts'] }],
};
