// Errors a service may throw. The HTTP layer turns each into a page (HTML) or problem+json (API).
export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly title: string,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(
    public readonly errors: FieldError[],
    message = 'Some fields need attention.',
  ) {
    super(message, 400, 'Invalid input');
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(message, 404, 'Not found');
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this.') {
    super(message, 403, 'Forbidden');
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first.') {
    super(message, 401, 'Unauthorized');
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, 'Conflict');
  }
}
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(message, 429, 'Too many requests');
  }
}
