// The built-in reference model (version 1), derived from the seed texts in ../shared/seeds.
import data from './data/reference-model.v1.json';
import { referenceModelSchema, type ReferenceModel } from './schema';

export const defaultReferenceModel: ReferenceModel = referenceModelSchema.parse(data);
