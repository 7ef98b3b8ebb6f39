import type { SocialProvider } from '../entities/social-identity.entity';

/** Who the provider says signed in; `emailVerified` is the provider's word that it checked the address. */
export interface ProviderProfile {
  provider: SocialProvider;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}
