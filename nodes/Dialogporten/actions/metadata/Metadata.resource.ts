import type { INodeProperties } from 'n8n-workflow';

import * as getAuthorizationServer from './getAuthorizationServer.operation';
import * as getJwks from './getJwks.operation';
import * as getLimits from './getLimits.operation';
import * as getServiceResources from './getServiceResources.operation';

export { getAuthorizationServer, getJwks, getLimits, getServiceResources };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['metadata'] } },
		options: [
			{
				name: 'Get Dialog Token Issuer',
				value: 'getAuthorizationServer',
				description:
					'Get the OAuth 2.0 authorization server metadata (issuer, JWKS URL) used to verify dialog tokens. Anonymous.',
				action: 'Get the dialog token issuer metadata',
			},
			{
				name: 'Get Dialog Token Keys',
				value: 'getJwks',
				description: 'Get the public keys (JWKS) that verify dialog token signatures. Anonymous.',
				action: 'Get the dialog token signing keys',
			},
			{
				name: 'Get Search Limits',
				value: 'getLimits',
				description:
					'Get how many values each dialog search filter accepts (parties, services, orgs). Anonymous.',
				action: 'Get the search limits',
			},
			{
				name: 'Get Service Resources',
				value: 'getServiceResources',
				description:
					'List every service resource known to Dialogporten with its owner, roles and access packages. Anonymous.',
				action: 'Get all service resources',
			},
		],
		default: 'getLimits',
	},
	...getAuthorizationServer.description,
	...getJwks.description,
	...getLimits.description,
	...getServiceResources.description,
];
