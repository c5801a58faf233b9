import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SignIn } from './sign-in';

const KEY = `rbk_${'a'.repeat(24)}_${'B'.repeat(43)}`;

describe('sign in', () => {
  it('refuses what is not an API key, saying what one looks like, and does not sign in', () => {
    const onSignIn = vi.fn();
    render(<SignIn notice={null} onSignIn={onSignIn} />);
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'hunter2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignIn).not.toHaveBeenCalled();
    expect(screen.getByLabelText('API key').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/That is not an API key/)).toBeTruthy();
  });

  it('signs in with a key, trimmed', () => {
    const onSignIn = vi.fn();
    render(<SignIn notice={null} onSignIn={onSignIn} />);
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: `  ${KEY}\n` } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignIn).toHaveBeenCalledWith(KEY);
  });

  it('says why the viewer was signed out', () => {
    render(<SignIn notice="Your key was refused or has expired: sign in again." onSignIn={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe('Your key was refused or has expired: sign in again.');
  });
});

describe('sign in at the identity provider', () => {
  const oidc = {
    issuer: 'https://login.example.com/',
    clientId: 'c',
    authorizationEndpoint: 'https://login.example.com/a',
    tokenEndpoint: 'https://login.example.com/t',
    scopes: 'openid',
  };

  it('is offered beside the API key when the API advertises an identity provider', () => {
    const onOidcSignIn = vi.fn();
    render(<SignIn notice={null} onSignIn={vi.fn()} oidc={oidc} onOidcSignIn={onOidcSignIn} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with login.example.com' }));
    expect(onOidcSignIn).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('API key')).toBeTruthy();
  });

  it('is not offered without one, and says it is signing in while the answer is exchanged', () => {
    render(<SignIn notice={null} onSignIn={vi.fn()} busy />);
    expect(screen.queryByRole('button', { name: /Sign in with/ })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Signing you in…');
  });
});
