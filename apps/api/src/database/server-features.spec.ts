import { mariadbAtLeast } from './server-features';

describe('mariadbAtLeast', () => {
  it.each([
    ['10.11.6-MariaDB-0+deb12u1', true],
    ['10.5.0-MariaDB', true],
    ['10.4.32-MariaDB', false],
    ['11.4.2-MariaDB-ubu2404', true],
    ['5.5.5-10.11.6-MariaDB', false],
    ['8.0.36', false],
    ['8.0.11-TiDB-v7.5.1', false],
  ])('%s → %s', (version, expected) => {
    expect(mariadbAtLeast(version, 10, 5)).toBe(expected);
  });
});
