/** A roster file that cannot be read at all (wrong type, no header row): the message says what to do, in Chinese. */
export class RosterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterFileError';
  }
}
