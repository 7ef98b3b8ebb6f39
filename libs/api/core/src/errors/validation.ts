import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
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

/** A NUL, or a surrogate without its pair: text Postgres refuses and validators trip over. */
const NUL = String.fromCharCode(0);
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes(NUL) || UNPAIRED_SURROGATE.test(text);
const UNSTORABLE_DETAIL = 'Use text without NUL characters or unpaired surrogates.';

/** Every string (and key) in the input that cannot be stored, as field errors. */
export function unstorableText(value: unknown, path: string[] = [], depth = 0): FieldError[] {
  const at = (segments: string[]) => ({
    field: segments.join('.'),
    pointer: `/${segments.join('/')}`,
    detail: UNSTORABLE_DETAIL,
  });
  if (typeof value === 'string') return unstorable(value) ? [at(path)] : [];
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    unstorable(key) ? [at([...path, '(key)'])] : unstorableText(child, [...path, key], depth + 1),
  );
}

/**
 * Global pipe: text that cannot be stored is refused first (it would fail deep in a validator or in
 * Postgres as a 500), then unknown fields are rejected, types are converted, and every failure becomes
 * a 422 problem with one entry per field.
 */
class HuntkitValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors = unstorableText(value, metadata.type === 'body' || !metadata.data ? [] : [metadata.data]);
      if (errors.length > 0) throw new ValidationProblemException(errors);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new HuntkitValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationProblemException(toFieldErrors(errors)),
  });
}

/**
 * The field may be left out, but when it is sent it is validated, null included. class-validator's
 * `@IsOptional()` skips null as well, so a `null` slipped past every rule into the service; keep
 * `@IsOptional()` only where null means something (and the field is documented nullable).
 */
export const Omittable = (): PropertyDecorator =>
  ValidateIf((_object, value: unknown) => value !== undefined);
