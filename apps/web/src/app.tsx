// The dashboard: sign in (an API key, or the identity provider when the API advertises one), then
// the org chart, people, roles, drift and diff pages.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { DiffPage } from './diff/diff-page';
import { DriftPage } from './drift/drift-page';
import { createApiClient } from './graphql/client';
import { OrgPage } from './org/org-page';
import { PersonPage } from './people/person-page';
import { RolePage } from './roles/role-page';
import { href, useRoute, type Route } from './routing';
import { authorizationUrl, completeSignIn, fetchSignInOptions, isRedirectBack, OidcSignInFailed, type OidcToken, type SignInOptions } from './session/oidc';
import { forgetSession, storedSession, storeSession, type Session } from './session/session';
import { SignIn } from './session/sign-in';

const Page = ({ route }: { route: Route }) => {
  switch (route.page) {
    case 'chart':
      return <OrgPage />;
    case 'person':
      return <PersonPage key={route.id} id={route.id} />;
    case 'role':
      return <RolePage key={route.id} id={route.id} />;
    case 'drift':
      return <DriftPage />;
    case 'diff':
      return <DiffPage />;
  }
};

const NAV: { label: string; href: string; page: Route['page'] }[] = [
  { label: 'Org chart', href: href.chart, page: 'chart' },
  { label: 'Drift', href: href.drift, page: 'drift' },
  { label: 'What changed', href: href.diff, page: 'diff' },
];

const EXPIRED: Record<Session['via'], string> = {
  apiKey: 'Your key was refused or has expired: sign in again.',
  oidc: 'Your sign-in has expired or was refused: sign in again.',
};
// setTimeout's longest delay (about 24.8 days)
const LONGEST_TIMER_MS = 2 ** 31 - 1;

const SignedIn = ({ session, onSignOut }: { session: Session; onSignOut: (notice: string | null) => void }) => {
  const route = useRoute();
  const api = useMemo(() => createApiClient(session.credential, () => onSignOut(EXPIRED[session.via])), [session, onSignOut]);
  useEffect(() => () => api.close(), [api]);
  // a token that expires brings back the sign-in when it does, not at the next request
  useEffect(() => {
    if (session.expiresAt === null) return;
    const timer = setTimeout(
      () => onSignOut('Your sign-in has expired: sign in again.'),
      Math.min(LONGEST_TIMER_MS, Math.max(0, session.expiresAt - Date.now())),
    );
    return () => clearTimeout(timer);
  }, [session, onSignOut]);
  return (
    <Provider value={api.client}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <a className="brand" href={href.chart}>
          Rolebook
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.page}>
                <a href={item.href} aria-current={route.page === item.page ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
            <li>
              <a href="/graphql">GraphiQL</a>
            </li>
          </ul>
        </nav>
        <button type="button" onClick={() => onSignOut(null)}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </Provider>
  );
};

// the identity provider's answer is exchanged once, however often React runs the effect
let completion: Promise<OidcToken> | null = null;

export const App = () => {
  const [session, setSession] = useState(storedSession);
  const [notice, setNotice] = useState<string | null>(null);
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [completing, setCompleting] = useState(() => isRedirectBack(window.location.search));
  const signOut = useCallback((why: string | null) => {
    forgetSession();
    setSession(null);
    setNotice(why);
  }, []);
  const signIn = useCallback((next: Session) => {
    storeSession(next);
    setNotice(null);
    setSession(next);
  }, []);
  useEffect(() => {
    if (!session) void fetchSignInOptions().then(setOptions);
  }, [session]);
  useEffect(() => {
    if (!completing) return;
    const search = window.location.search;
    // the code and state leave the address bar (and the history) at once
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
    (completion ??= completeSignIn(search, sessionStorage))
      .then(
        (token) => signIn({ credential: token.token, via: 'oidc', expiresAt: token.expiresAt }),
        (error: unknown) => setNotice(error instanceof OidcSignInFailed ? error.message : 'The sign-in could not be completed: try again.'),
      )
      .finally(() => {
        completion = null;
        setCompleting(false);
      });
  }, [completing, signIn]);
  if (!session)
    return (
      <SignIn
        notice={notice}
        busy={completing}
        oidc={options?.oidc}
        onOidcSignIn={() => {
          if (options?.oidc) void authorizationUrl(options.oidc, sessionStorage, window.location).then((url) => window.location.assign(url));
        }}
        onSignIn={(key) => signIn({ credential: key, via: 'apiKey', expiresAt: null })}
      />
    );
  return <SignedIn session={session} onSignOut={signOut} />;
};
