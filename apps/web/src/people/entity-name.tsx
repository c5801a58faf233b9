// A person or a role named and linked, by id (read once, cached by the client).
import { useQuery } from 'urql';
import { href } from '../routing';
import type { Part } from './describe-change';
import { PersonName, RoleName, TeamName } from './people-queries';

export const PersonLink = ({ id }: { id: string }) => {
  const [{ data }] = useQuery({ query: PersonName, variables: { id }, requestPolicy: 'cache-first' });
  return <a href={href.person(id)}>{data?.person?.name ?? 'someone no longer in the org'}</a>;
};

export const RoleLink = ({ id }: { id: string }) => {
  const [{ data }] = useQuery({ query: RoleName, variables: { id }, requestPolicy: 'cache-first' });
  return <a href={href.role(id)}>{data?.role?.name ?? 'a role'}</a>;
};

/** Teams have no page of their own yet: named, not linked. */
export const TeamLabel = ({ id }: { id: string }) => {
  const [{ data }] = useQuery({ query: TeamName, variables: { id }, requestPolicy: 'cache-first' });
  return <>team {data?.team?.name ?? 'no longer in the org'}</>;
};

export const Parts = ({ parts }: { parts: Part[] }) => (
  <>
    {parts.map((part, i) =>
      typeof part === 'string' ? part : 'person' in part ? <PersonLink key={i} id={part.person} /> : <RoleLink key={i} id={part.role} />,
    )}
  </>
);
