// GET /auth/sign-in-options: how the dashboard may sign in, before anyone has: with an API key
// always, and at the identity provider (authorization code with PKCE) when OIDC_WEB_CLIENT_ID is
// set. Public by design (no key needed, like /health/live): it answers the same few configured
// strings to everyone, what an OIDC public client publishes anyway, nothing secret and nothing
// about a tenant, and reads nothing to do so.
import { Controller, Get } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import { InjectConfig } from '../rolebook.providers';

export interface OidcSignIn {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scopes: string;
}

export interface SignInOptions {
  apiKey: true;
  oidc: OidcSignIn | null;
}

export const signInOptions = (config: Config): SignInOptions => ({
  apiKey: true,
  oidc:
    config.OIDC_WEB_CLIENT_ID && config.OIDC_ISSUER && config.OIDC_AUTHORIZATION_URL && config.OIDC_TOKEN_URL
      ? {
          issuer: config.OIDC_ISSUER,
          clientId: config.OIDC_WEB_CLIENT_ID,
          authorizationEndpoint: config.OIDC_AUTHORIZATION_URL,
          tokenEndpoint: config.OIDC_TOKEN_URL,
          scopes: config.OIDC_WEB_SCOPES,
        }
      : null,
});

@Controller('auth')
export class SignInOptionsController {
  constructor(@InjectConfig() private readonly config: Config) {}

  @Get('sign-in-options')
  options(): SignInOptions {
    return signInOptions(this.config);
  }
}
