import { AuthService, type MeDto, toMeDto } from '@huntkit/api/auth';
import { ProblemException } from '@huntkit/api/core';
import { UsersService } from '@huntkit/api/users';
import { HttpStatus, Injectable } from '@nestjs/common';

/** The signed-in user's profile: who they are, as every sign-in answers it, and what they may edit. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  me(userId: string): Promise<MeDto> {
    return this.auth.me(userId);
  }

  async update(userId: string, changes: { displayName?: string; timeZone?: string }): Promise<MeDto> {
    const user = await this.users.updateProfile(userId, changes);
    if (!user)
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'session_ended',
        'Your session has ended. Sign in again.',
      );
    return toMeDto(user);
  }
}
