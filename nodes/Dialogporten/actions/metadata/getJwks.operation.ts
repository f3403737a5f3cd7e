import { metadataDocument } from './document';

/** The keys that verify dialog token signatures. */
export const { properties, execute } = metadataDocument('/api/v1/.well-known/jwks.json');
