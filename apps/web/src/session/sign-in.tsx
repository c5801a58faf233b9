// Sign in with an API key (the first start prints one; `npx rolebook keys create` makes more), or
// at the identity provider when the API advertises one.
import { useState, type FormEvent } from 'react';
import type { OidcOptions } from './oidc';
import { API_KEY_PATTERN } from './session';

export interface SignInProps {
  /** Why the viewer is here again, e.g. an expired key. */
  notice: string | null;
  onSignIn: (key: string) => void;
  /** The identity provider, when the API advertises one. */
  oidc?: OidcOptions | null;
  onOidcSignIn?: () => void;
  /** Set while the identity provider's answer is being exchanged for a token. */
  busy?: boolean;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export const SignIn = ({ notice, onSignIn, oidc = null, onOidcSignIn, busy = false }: SignInProps) => {
  const [key, setKey] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!API_KEY_PATTERN.test(trimmed)) {
      setInvalid(true);
      return;
    }
    onSignIn(trimmed);
  };
  return (
    <main className="sign-in">
      <h1>Rolebook</h1>
      <p>The org chart through time, role histories and drift.</p>
      {notice && (
        <p className="state error" role="alert">
          {notice}
        </p>
      )}
      {busy && (
        <p className="state" role="status">
          Signing you in…
        </p>
      )}
      {oidc && (
        <section className="oidc-sign-in" aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">With your organization&apos;s account</h2>
          <button type="button" disabled={busy} onClick={onOidcSignIn}>
            Sign in with {hostOf(oidc.issuer)}
          </button>
        </section>
      )}
      <form onSubmit={submit} noValidate aria-labelledby={oidc ? 'api-key-heading' : undefined}>
        {oidc && <h2 id="api-key-heading">Or with an API key</h2>}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="rbk_…"
          value={key}
          aria-invalid={invalid}
          aria-describedby="api-key-help"
          onChange={(e) => {
            setKey(e.target.value);
            setInvalid(false);
          }}
        />
        <p id="api-key-help" className={invalid ? 'field-error' : 'hint'}>
          {invalid
            ? 'That is not an API key: keys look like rbk_ followed by 24 hex digits, an underscore and 43 characters.'
            : 'The first start of the API prints an admin key; `npx rolebook keys create` makes more.'}
        </p>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
};
