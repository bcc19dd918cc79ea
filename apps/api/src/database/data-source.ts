import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';

/** Standalone data source for the migration CLI (`node dist/.../database/cli.js run|revert|show`). */
export default new DataSource(dataSourceOptions(parseDatabaseUrl(process.env.DATABASE_URL)));
