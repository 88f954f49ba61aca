import { UserError } from '../project/user-error.js';

export class UnknownTargetError extends UserError {
  constructor(target: string, known: string[]) {
    super(`unknown target '${target}'`, `targets in mlc.yml: ${known.join(', ')}`);
  }
}

export class DatabaseLockedError extends UserError {
  constructor(file: string, detail: string) {
    super(`the embedded database ${file} is in use by another mlc process (${detail})`, 'wait for the other run to finish, or pass --wait <seconds> to wait for it');
  }
}
