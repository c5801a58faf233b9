// Sign in with an API key (the first start prints one; `npx rolebook keys create` makes more).
import { useState, type FormEvent } from 'react';
import { API_KEY_PATTERN } from './session';

export interface SignInProps {
  /** Why the viewer is here again, e.g. an expired key. */
  notice: string | null;
  onSignIn: (key: string) => void;
}

export const SignIn = ({ notice, onSignIn }: SignInProps) => {
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
      <form onSubmit={submit} noValidate>
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
