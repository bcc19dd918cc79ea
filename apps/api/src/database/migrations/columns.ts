import { TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations; each mirrors a decorator of `../columns.ts`. Types and defaults
 * are written as both dialects read them back ('integer', default '0'), so the schema-agreement
 * test finds no difference.
 */
type Extra = Partial<TableColumnOptions>;
export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: '36', ...extra }),
  text: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra }),
  longText: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
  json: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
  int: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
  bool: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'boolean', ...extra }),
  date: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'date', ...extra }),
  time: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'datetime', ...extra }),
};
