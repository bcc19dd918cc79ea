import { Column, ColumnOptions, PrimaryColumn } from 'typeorm';
import { encryptedJson } from '../common/column-cipher';

/**
 * Column shapes that mean the same on MariaDB and SQLite. Entities use these and the migrations
 * use the matching `col.*` builders in `migrations/columns.ts`, so the schema-agreement test
 * can prove that both describe one schema.
 */
export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 36 });
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 36, ...options });
export const TextColumn = (length: number, options: ColumnOptions = {}) => Column({ type: 'varchar', length, ...options });
export const LongTextColumn = (options: ColumnOptions = {}) => Column({ type: 'text', ...options });
export const IntColumn = (options: ColumnOptions = {}) => Column({ type: 'int', ...options });
export const BoolColumn = (options: ColumnOptions = {}) => Column({ type: 'boolean', ...options });
export const DateColumn = (options: ColumnOptions = {}) => Column({ type: 'date', ...options });
/** A DATE read by a raw query as 'YYYY-MM-DD' (mysql2 may give a Date at UTC midnight, SQLite the text). */
export const dayText = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
export const TimeColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', ...options });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
/** A JSON value encrypted at rest (health information), in a text column named `<property>Cipher`. */
export const EncryptedJsonColumn = (name: string, options: ColumnOptions = {}) => Column({ type: 'text', name, transformer: encryptedJson, ...options });
