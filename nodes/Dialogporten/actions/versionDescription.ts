import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription, resourceParameters } from './resourceTable';
import { resources } from './resources';

/**
 * The node's parameters (version 1): API, authentication, and the Resource and Operation lists with
 * every operation's fields, derived from the resources' tables.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		noDataExpression: true,
		default: 'enduser',
		options: [
			{
				name: 'End User',
				value: 'enduser',
				description:
					'Act as a person (ID-porten) or a system user (Maskinporten): read dialogs and act on them',
			},
			{
				name: 'Service Owner',
				value: 'serviceowner',
				description:
					'Act as the service owner (Maskinporten): create, update and delete dialogs of your services',
			},
		],
	},
	// One authentication parameter that does not depend on `api`: n8n's editor hides every
	// parameter the credential choice depends on, which would have hidden the API selector.
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'maskinportenApi',
		options: [
			{
				name: 'Maskinporten',
				value: 'maskinportenApi',
				description:
					'An organization: service owner (client or supplier grant) or, in the end user API, a system user',
			},
			{
				name: 'ID-Porten',
				value: 'idPortenOAuth2Api',
				description: 'A person logged in with ID-porten; end user API only',
			},
		],
	},
	...resourceParameters(resources),
	...Object.entries(resources).flatMap(([resource, table]) => resourceDescription(resource, table)),
];
