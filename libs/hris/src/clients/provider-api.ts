// One GET against a provider's API for a thin delivery: JSON in, checked by a schema. Answers
// null for 404 (the HRIS does not know the employee); throws on any other failure, so that the
// delivery is retried. Error messages name the status only, never what the body held.
import type { z } from 'zod';

export interface ProviderApi {
  apiUrl: string;
  apiToken: string;
  timeoutMs?: number;
}

export const getJson = async <S extends z.ZodType>(api: ProviderApi, path: string, authorization: string, schema: S): Promise<z.output<S> | null> => {
  const url = new URL(path, api.apiUrl.endsWith('/') ? api.apiUrl : `${api.apiUrl}/`);
  const response = await fetch(url, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(api.timeoutMs ?? 5000) });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url.host} answered ${response.status}`);
  return schema.parse(await response.json());
};
