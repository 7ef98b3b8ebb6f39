import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { CreditsStore, LOW_CREDITS } from './credits.store';
import { SessionStore } from './session.store';

const ME = {
  id: 'u1',
  email: 'a@b.c',
  displayName: 'A',
  roles: ['user'],
  timeZone: 'UTC',
  verified: true,
  createdAt: '',
};
const balance = (total: number) => ({
  total,
  reserved: 0,
  dailyAllowance: 10,
  dailyResetsAt: '',
  buckets: [],
});

describe('CreditsStore', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideApiConfiguration('')],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  async function signedInWith(total: number): Promise<CreditsStore> {
    const store = TestBed.inject(CreditsStore);
    const loaded = TestBed.inject(SessionStore).load();
    backend.expectOne('/api/auth/session').flush({ user: ME, refreshable: false });
    await loaded;
    TestBed.tick();
    backend.expectOne('/api/credits/balance').flush(balance(total));
    return store;
  }

  it(`warns under ${LOW_CREDITS} credits, not at ${LOW_CREDITS}`, async () => {
    const store = await signedInWith(LOW_CREDITS);
    expect([store.total(), store.low()]).toEqual([LOW_CREDITS, false]);
    store.refresh();
    backend.expectOne('/api/credits/balance').flush(balance(LOW_CREDITS - 1));
    expect(store.low()).toBe(true);
  });

  it('forgets the balance on sign-out', async () => {
    const store = await signedInWith(10);
    TestBed.inject(SessionStore).markSignedOut();
    TestBed.tick();
    expect(store.total()).toBeNull();
    backend.verify();
  });
});
