import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Schemas } from '../../helpers/interfaces';
import { ENDUSER, validator } from '../../helpers/utils';
import { apiRequest } from '../../transport';
import { simplifyFields } from '../common.descriptions';
import { serviceResourceItems, serviceResourceOutputField } from './output';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	{
		displayName: 'Parties',
		name: 'parties',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:altinn:organization:identifier-no:912345678',
		description:
			'Only services authorized for these parties (comma-separated URNs, or an expression returning a list). Empty: all parties.',
	},
	serviceResourceOutputField,
	...simplifyFields,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const parties = validator
		.call(this, itemIndex)
		.parties(this.getNodeParameter('parties', itemIndex, ''));
	const response = (await apiRequest.call(this, {
		api: 'enduser',
		method: 'GET',
		path: `${ENDUSER}/serviceresources`,
		qs: { party: parties },
		itemIndex,
	})) as Schemas['V1EndUserServiceResourcesQueriesSearch_AuthorizedServiceResources'];
	return serviceResourceItems.call(this, response, itemIndex);
}
