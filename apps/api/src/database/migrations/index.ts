import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, in order. Listed explicitly (TypeORM 1.x: no globs). */
export const migrations = [Foundation1764000000000];
