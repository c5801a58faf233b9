// Nest providers for the one Rolebook instance of this process, its settings, and what the
// runtime opened for it (drift checks, the HRIS inbox and its processing, HRIS sync runs).
import { Inject } from '@nestjs/common';

export const ROLEBOOK = Symbol('ROLEBOOK');
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const DRIFT_CHECKS = Symbol('DRIFT_CHECKS');
export const HRIS = Symbol('HRIS');
export const HRIS_SYNCS = Symbol('HRIS_SYNCS');
export const ACCESS = Symbol('ACCESS');
export const AUTHENTICATE = Symbol('AUTHENTICATE');
export const RATE_LIMITS = Symbol('RATE_LIMITS');

export const InjectRolebook = () => Inject(ROLEBOOK);
export const InjectConfig = () => Inject(CONFIG);
