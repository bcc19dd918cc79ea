import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { redact } from './redact';

/**
 * Structured logs: one JSON object a line on stdout, every message passed through `redact`
 * so that no ID number, phone number or token is ever written. Logging never throws: a
 * message that cannot be written is dropped rather than turning a request into a 500.
 */
export class JsonLogger extends ConsoleLogger {
  constructor(levels: LogLevel[] = ['log', 'error', 'warn']) {
    super();
    this.setLogLevels(levels);
  }

  protected printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    for (const message of messages) {
      this.write(logLevel, { context: context || undefined, message: describe(message) });
    }
  }

  protected printStackTrace(stack?: string): void {
    if (!stack) return;
    this.write('error', { stack });
  }

  private write(level: LogLevel, fields: { context?: string; message?: string; stack?: string }): void {
    try {
      const redacted = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value === undefined ? undefined : redact(value)]));
      const line = JSON.stringify({ time: new Date().toISOString(), level, ...redacted });
      (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
    } catch {
      // A log line is never worth a failed request.
    }
  }
}

function describe(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return `${message.message}\n${message.stack ?? ''}`;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return String(message);
  }
}
