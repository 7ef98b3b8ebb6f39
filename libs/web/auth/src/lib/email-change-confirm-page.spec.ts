import { endedSessionsText } from './email-change-confirm-page';

describe('endedSessionsText', () => {
  const text = (otherSessionsEnded: number, signedIn: boolean) =>
    endedSessionsText({ email: 'ada@new.example', otherSessionsEnded, signedIn });

  it('tells a signed-in browser that it stays signed in, and counts the sessions that ended', () => {
    expect(text(0, true)).toBe('No other session was open. This browser stays signed in.');
    expect(text(1, true)).toContain('your other session was signed out');
    expect(text(3, true)).toContain('your 3 other sessions were signed out');
  });

  it('asks a browser that was not signed in to sign in with the new address', () => {
    expect(text(0, false)).toBe('Sign in with your new address.');
    expect(text(2, false)).toContain('every session was signed out. Sign in again with your new address.');
  });
});
