import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { redact } from './redact';

/**
 * Structured logs: one JSON object a line on stdout, every message passed through `redact`
 * so that no ID number, phone number or token is ever written.
 */
export class JsonLogger extends ConsoleLogger {
  constructor(levels: LogLevel[] = ['log', 'error', 'warn']) {
    super();
    this.setLogLevels(levels);
  }

  protected printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    for (const message of messages) {
      const text = typeof message === 'string' ? message : message instanceof Error ? `${message.message}\n${message.stack}` : JSON.stringify(message);
      const line = JSON.stringify({ time: new Date().toISOString(), level: logLevel, context: context || undefined, message: redact(text) });
      (logLevel === 'error' ? process.stderr : process.stdout).write(line + '\n');
    }
  }

  protected printStackTrace(stack: string): void {
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', stack: redact(stack) }) + '\n');
  }
}
