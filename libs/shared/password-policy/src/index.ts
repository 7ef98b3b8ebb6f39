export * from './common-passwords';
export * from './password-policy';
export * from './password-strength';
export * from './new-password';
