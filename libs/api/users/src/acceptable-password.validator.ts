import { checkPassword, PASSWORD_PROBLEM_MESSAGES, passwordProblems } from '@huntkit/shared/password-policy';
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'acceptablePassword', async: true })
export class AcceptablePasswordConstraint implements ValidatorConstraintInterface {
  async validate(value: unknown): Promise<boolean> {
    return typeof value === 'string' && (await checkPassword(value)).length === 0;
  }

  /** Length problems are known without the list; a password of a fine length failed for being common. */
  defaultMessage(args: ValidationArguments): string {
    if (typeof args.value !== 'string') return `${args.property} must be a string`;
    const [lengthProblem] = passwordProblems(args.value, () => false);
    return PASSWORD_PROBLEM_MESSAGES[lengthProblem ?? 'too_common'];
  }
}

/** The shared password policy (8-128 characters, not a common password) on a DTO field. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: AcceptablePasswordConstraint,
    });
}
