/**
 * Errors the Snowflake target raises. Each carries one line meant for a user: the stack is
 * replaced by that line so a printed error never shows driver internals, and every
 * message passes through a redactor first so no secret reaches a terminal or a log.
 */

import { UserError } from '../../project/user-error.js';

abstract class SnowflakeTargetError extends UserError {
  constructor(name: string, message: string, hint?: string) {
    super(message, hint);
    this.name = name;
    this.stack = `${name}: ${message}${hint ? ` (hint: ${hint})` : ''}`;
  }
}

/** The settings cannot produce a connection (missing account, unreadable key, unknown connection name). */
export class SnowflakeConfigError extends SnowflakeTargetError {
  constructor(message: string, hint?: string) {
    super('SnowflakeConfigError', message, hint);
  }
}

/** Snowflake refused the login (wrong password, bad key pair, unknown account). */
export class SnowflakeLoginError extends SnowflakeTargetError {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super('SnowflakeLoginError', message);
  }
}

/** A statement failed in Snowflake; `code` and `sqlState` are Snowflake's own. */
export class SnowflakeQueryError extends SnowflakeTargetError {
  constructor(
    message: string,
    readonly code: string,
    readonly sqlState?: string,
    readonly queryId?: string,
  ) {
    super('SnowflakeQueryError', message);
  }
}

/** The network failed for longer than the retries allow, or a timeout expired. */
export class SnowflakeConnectionError extends SnowflakeTargetError {
  constructor(message: string) {
    super('SnowflakeConnectionError', message);
  }
}

/** Replaces every occurrence of the given secrets with `***`. */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => values.reduce((out, secret) => out.split(secret).join('***'), text);
}
