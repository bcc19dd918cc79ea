import { isTransient } from './transaction';

/**
 * Errors that mean the database cannot be reached right now (not that the request was wrong):
 * refused or dropped connections, a server shutting down, a Galera node that has left its cluster
 * (1047 "WSREP has not yet prepared node for application use"), a closed or full pool.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_UNKNOWN_COM_ERROR',
]);
const UNAVAILABLE_ERRNOS = new Set([1047, 1053, 1040, 2002, 2003, 2006, 2013]);
const POOL_MESSAGES = /^(Pool is closed\.|Queue limit reached\.|Can't add new command when connection is in closed state|Connection lost)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; fatal?: boolean; message?: string; driverError?: { code?: string; errno?: number; fatal?: boolean } };
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code ?? '';
  const errno = e.driverError?.errno ?? e.errno;
  if (UNAVAILABLE_CODES.has(code) || (errno !== undefined && UNAVAILABLE_ERRNOS.has(errno))) return true;
  // mysql2 marks an error that broke the connection itself as fatal.
  if (e.fatal === true || e.driverError?.fatal === true) return true;
  return POOL_MESSAGES.test(e.message ?? '');
}

/** Still conflicting after every retry of `inTransaction`: the database is too busy for now. */
export function isDatabaseBusy(error: unknown): boolean {
  return isTransient(error);
}
