import { AccountDeactivatedEvent } from '@huntkit/api/admin';
import { CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { SessionsModule } from './sessions.module';
import { SessionsService } from './sessions.service';

const schema = { entities: [Session, RefreshToken], migrations: [], seeds: [] };

// Several features import the sessions module, as in the app; the listener must still run once.
@Module({ imports: [SessionsModule.forRoot()] })
class AnotherFeature {}

describe('an account deactivated (domain event) ends its sessions', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({ label: 'sessions_events', schema });
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'api'), SessionsModule.forRoot(), AnotherFeature],
    }).compile();
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  const deactivate = (userId: string, fail = false) =>
    moduleRef
      .get(EntityManager)
      .fork()
      .transactional(async (em) => {
        const event = new AccountDeactivatedEvent(userId, em);
        await moduleRef.get(EventEmitter2).emitAsync(AccountDeactivatedEvent.eventName, event);
        if (fail) throw new Error('the deactivation failed');
        return event.ended;
      });

  it('in the transaction that deactivates the account, saying how many ended', async () => {
    const sessions = moduleRef.get(SessionsService);
    const userId = randomUUID();
    const [first, second] = [await sessions.start(userId), await sessions.start(userId)];
    const bystander = await sessions.start(randomUUID());

    await expect(deactivate(userId, true)).rejects.toThrow('the deactivation failed');
    expect(await sessions.checkAndTouch(first.sessionId)).toBe(true); // rolled back with it

    expect(await deactivate(userId)).toEqual({ sessions: 2 });
    expect(await sessions.checkAndTouch(first.sessionId)).toBe(false);
    expect(await sessions.checkAndTouch(second.sessionId)).toBe(false);
    expect(await sessions.checkAndTouch(bystander.sessionId)).toBe(true);
    expect(await deactivate(userId)).toEqual({ sessions: 0 });
  });
});
