// Nest providers for the one Rolebook instance of this process and its settings.
import { Inject } from '@nestjs/common';

export const ROLEBOOK = Symbol('ROLEBOOK');
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');

export const InjectRolebook = () => Inject(ROLEBOOK);
export const InjectConfig = () => Inject(CONFIG);
