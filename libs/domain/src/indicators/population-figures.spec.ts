import { sumPopulations, validatePopulationFigures } from './population-figures';

describe('validatePopulationFigures', () => {
  it('accepts whole numbers with groups inside the population', () => {
    expect(validatePopulationFigures({ residents: 1000, groups: { elderly65: 120, hypertension: 0 } })).toEqual({
      ok: true,
      value: { residents: 1000, groups: { elderly65: 120, hypertension: 0 } },
    });
  });

  it.each([
    [{ residents: -1, groups: {} }, 'POPULATION.COUNT', 'residents'],
    [{ residents: 1.5, groups: {} }, 'POPULATION.COUNT', 'residents'],
    [{ residents: 10, groups: { lefthanded: 1 } }, 'POPULATION.GROUP', 'groups.lefthanded'],
    [{ residents: 10, groups: { elderly65: 2.5 } }, 'POPULATION.COUNT', 'groups.elderly65'],
    [{ residents: 10, groups: { elderly65: 11 } }, 'POPULATION.GROUP_EXCEEDS', 'groups.elderly65'],
  ])('refuses %j', (input, code, field) => {
    expect(validatePopulationFigures(input as never)).toMatchObject({ ok: false, code, field });
  });
});

describe('sumPopulations', () => {
  it('adds residents and each group (an institution sums its communities)', () => {
    expect(
      sumPopulations([
        { residents: 10, groups: { elderly65: 2 } },
        { residents: 5, groups: { elderly65: 1, disabled: 1 } },
      ]),
    ).toEqual({
      residents: 15,
      groups: { elderly65: 3, disabled: 1 },
    });
  });
});
