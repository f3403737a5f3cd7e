import { defineResource } from '../resourceTable';
import * as getAuthorizationServer from './getAuthorizationServer.operation';
import * as getJwks from './getJwks.operation';
import * as getLimits from './getLimits.operation';
import * as getServiceResources from './getServiceResources.operation';

export const metadata = defineResource({
	name: 'Metadata',
	description: 'Public Dialogporten information; needs no login',
	default: 'getLimits',
	operations: {
		getAuthorizationServer: {
			name: 'Get Dialog Token Issuer',
			action: 'Get the dialog token issuer metadata',
			description:
				'Get the OAuth 2.0 authorization server metadata (issuer, JWKS URL) used to verify dialog tokens. Anonymous.',
			operation: getAuthorizationServer,
		},
		getJwks: {
			name: 'Get Dialog Token Keys',
			action: 'Get the dialog token signing keys',
			description: 'Get the public keys (JWKS) that verify dialog token signatures. Anonymous.',
			operation: getJwks,
		},
		getLimits: {
			name: 'Get Search Limits',
			action: 'Get the search limits',
			description:
				'Get how many values each dialog search filter accepts (parties, services, orgs). Anonymous.',
			operation: getLimits,
		},
		getServiceResources: {
			name: 'Get Service Resources',
			action: 'Get all service resources',
			description:
				'List every service resource known to Dialogporten with its owner, roles and access packages. Anonymous.',
			operation: getServiceResources,
		},
	},
});
