import type { Provider } from '../providers';
import { verifyBambooHr } from './bamboohr';
import { verifyHiBob } from './hibob';
import { verifyMerge } from './merge';
import { verifyPersonio } from './personio';
import { verifyStandard } from './standard';
import type { Verification, VerifyInput } from './verification';

export * from './verification';

export const VERIFIERS: Record<Provider, (input: VerifyInput) => Verification> = {
  standard: verifyStandard,
  bamboohr: verifyBambooHr,
  hibob: verifyHiBob,
  personio: verifyPersonio,
  merge: verifyMerge,
};
