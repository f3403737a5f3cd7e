import type { INodeProperties } from 'n8n-workflow';

import {
	idPortenServiceOwnerNotice,
	resourceDescription,
	resourceDescriptionV2,
	resourceParameterV2,
	resourceParameters,
} from './resourceTable';
import { resources } from './resources';
import { concurrencyField } from './concurrency';

/**
 * The node's parameters, derived from the resources' tables. Version 1: API, authentication,
 * Resource and Operation lists per API. Version 2: authentication, one Resource list and one
 * Operation list per resource holding both APIs' operations, so that n8n's node creator lists every
 * operation once (it reads one Resource list and one Operation list per resource, and sets only
 * those two parameters when an action is picked).
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		noDataExpression: true,
		default: 'enduser',
		displayOptions: { show: { '@version': [1] } },
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
	{
		...idPortenServiceOwnerNotice,
		displayOptions: {
			show: { '@version': [1], api: ['serviceowner'], authentication: ['idPortenOAuth2Api'] },
			hide: { resource: ['metadata'] },
		},
	},
	...resourceParameters(resources),
	...Object.entries(resources).flatMap(([resource, table]) => resourceDescription(resource, table)),
	resourceParameterV2(resources),
	...Object.entries(resources).flatMap(([resource, table]) =>
		resourceDescriptionV2(resource, table),
	),
	concurrencyField,
];
