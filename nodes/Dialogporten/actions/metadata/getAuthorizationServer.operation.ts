import { metadataDocument } from './document';

/** The OAuth 2.0 authorization server metadata of the dialog token issuer. */
export const { properties, execute } = metadataDocument(
	'/api/v1/.well-known/oauth-authorization-server',
);
