import { AccountDeactivatedEvent } from '@huntkit/api/admin';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SessionsService } from './sessions.service';

/** A deactivated account is signed out everywhere, in the transaction that deactivates it. */
@Injectable()
export class AccountDeactivatedListener {
  constructor(private readonly sessions: SessionsService) {}

  // Errors reach the emitter (unlike the bus's default): the deactivation and the sign-outs commit
  // together, so a failure here must roll the deactivation back rather than be logged and forgotten.
  @OnEvent(AccountDeactivatedEvent.eventName, { suppressErrors: false })
  async endSessions(event: AccountDeactivatedEvent): Promise<void> {
    event.ended.sessions = await this.sessions.revokeAllForUser(
      event.userId,
      'account_deactivated',
      undefined,
      event.em,
    );
  }
}
