// A tenant id is a lowercase slug: it is part of every stream name, of webhook URLs and of the
// configuration (DEFAULT_TENANT, HRIS_INTEGRATIONS), which all check it against this one pattern.
import { z } from 'zod';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const tenantIdSchema = z.string().regex(TENANT_ID, 'must be a lowercase slug (a-z, 0-9, -)');

/** The plain test, for hot paths (every stream name read) where a zod parse would be waste. */
export const isTenantId = (value: string): boolean => TENANT_ID.test(value);
