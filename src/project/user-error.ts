/**
 * An error the user can fix (a wrong argument, a locked database, a bad connection
 * setting): the CLI prints its message and hint on one line each, exit code 1, no stack.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
