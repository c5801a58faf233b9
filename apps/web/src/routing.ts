// Pages by URL hash (#/people/<id>), so the API serves one page at / and every view has a link.
import { useEffect, useState } from 'react';

export type Route = { page: 'chart' } | { page: 'person'; id: string } | { page: 'role'; id: string } | { page: 'drift' } | { page: 'diff' };

export const parseRoute = (hash: string): Route => {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'people' && id) return { page: 'person', id: decodeURIComponent(id) };
  if (page === 'roles' && id) return { page: 'role', id: decodeURIComponent(id) };
  if (page === 'drift') return { page: 'drift' };
  if (page === 'diff') return { page: 'diff' };
  return { page: 'chart' };
};

export const href = {
  chart: '#/',
  person: (id: string) => `#/people/${encodeURIComponent(id)}`,
  role: (id: string) => `#/roles/${encodeURIComponent(id)}`,
  drift: '#/drift',
  diff: '#/diff',
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};
