import { toFieldErrors } from '@huntkit/api/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsAcceptablePassword } from './acceptable-password.validator';

class PasswordDto {
  @IsAcceptablePassword()
  password!: string;
}

async function errorsFor(password: unknown) {
  return toFieldErrors(await validate(plainToInstance(PasswordDto, { password })));
}

describe('@IsAcceptablePassword', () => {
  it('accepts a long, uncommon password', async () => {
    await expect(errorsFor('plum tractor velvet 42')).resolves.toEqual([]);
  });

  it('explains what is wrong, per field', async () => {
    await expect(errorsFor('short')).resolves.toEqual([
      { field: 'password', pointer: '/password', detail: 'Use at least 8 characters.' },
    ]);
    await expect(errorsFor('z'.repeat(200))).resolves.toEqual([
      expect.objectContaining({ detail: 'Use at most 128 characters.' }),
    ]);
    await expect(errorsFor('sunshine1')).resolves.toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/most common/) }),
    ]);
    await expect(errorsFor(12345678)).resolves.toEqual([
      expect.objectContaining({ detail: 'password must be a string' }),
    ]);
  });
});
