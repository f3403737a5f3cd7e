import { metadataDocument } from './document';

/** How many values each dialog search filter accepts. */
export const { properties, execute } = metadataDocument('/api/v1/metadata/limits');
