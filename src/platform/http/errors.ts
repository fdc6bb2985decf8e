export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Page not found') {
    super(404, message);
  }
}

/** A problem with something the user sent, shaped for the GOV.UK error summary. */
export interface FieldError {
  field: string; // the form field's id, or a descriptive key like 'row-3-value'
  text: string;
}

export class ValidationError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(errors.map((e) => e.text).join('; '));
    this.errors = errors;
  }
}

/** A zod failure as a ValidationError, each issue named by its first path part (its form field). */
export function validationErrorOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ValidationError {
  return new ValidationError(error.issues.map((i) => ({ field: String(i.path[0] ?? 'input'), text: i.message })));
}
