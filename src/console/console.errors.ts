/** Thrown by the console guard: the browser is sent to the sign-in page. */
export class ConsoleLoginRequired extends Error {
  constructor(readonly next: string) {
    super('login required');
  }
}

/** A form post whose CSRF token does not match the session: 403, nothing done. */
export class ConsoleCsrfRejected extends Error {
  constructor() {
    super('csrf token mismatch');
  }
}
