// The dashboard: sign in with a key, then the org chart, people, roles, drift and diff pages.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { DiffPage } from './diff/diff-page';
import { DriftPage } from './drift/drift-page';
import { createApiClient } from './graphql/client';
import { OrgPage } from './org/org-page';
import { PersonPage } from './people/person-page';
import { RolePage } from './roles/role-page';
import { href, useRoute, type Route } from './routing';
import { forgetKey, storedKey, storeKey } from './session/session';
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

const SignedIn = ({ apiKey, onSignOut }: { apiKey: string; onSignOut: (notice: string | null) => void }) => {
  const route = useRoute();
  const api = useMemo(() => createApiClient(apiKey, () => onSignOut('Your key was refused or has expired: sign in again.')), [apiKey, onSignOut]);
  useEffect(() => () => api.close(), [api]);
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

export const App = () => {
  const [apiKey, setApiKey] = useState(storedKey);
  const [notice, setNotice] = useState<string | null>(null);
  const signOut = useCallback((why: string | null) => {
    forgetKey();
    setApiKey(null);
    setNotice(why);
  }, []);
  if (!apiKey)
    return (
      <SignIn
        notice={notice}
        onSignIn={(key) => {
          storeKey(key);
          setNotice(null);
          setApiKey(key);
        }}
      />
    );
  return <SignedIn apiKey={apiKey} onSignOut={signOut} />;
};
