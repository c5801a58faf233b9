// Loading, empty and error states, the same everywhere.
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from '../graphql/errors';

export const Loading = ({ what }: { what: string }) => (
  <p className="state" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="state empty">{children}</p>;

export const ErrorState = ({ error }: { error: CombinedError }) => (
  <p className="state error" role="alert">
    {describeError(error)}
  </p>
);
