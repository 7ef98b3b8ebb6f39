import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblemException, type FieldError } from './problem';

/** Flattens class-validator's nested errors into one entry per failed rule with a JSON pointer. */
export function toFieldErrors(errors: ValidationError[], parentPath: string[] = []): FieldError[] {
  return errors.flatMap((error) => {
    const path = [...parentPath, error.property];
    const own = Object.values(error.constraints ?? {}).map((detail) => ({
      field: path.join('.'),
      pointer: `/${path.join('/')}`,
      detail,
    }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

/** Global pipe: unknown fields are rejected, types are converted, failures become a 422 problem. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationProblemException(toFieldErrors(errors)),
  });
}
