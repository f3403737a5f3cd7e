import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Schemas } from '../../helpers/interfaces';
import { ENDUSER, getSimplifyOptions, shapeOutput, toItems, validator } from '../../helpers/utils';
import { apiRequest } from '../../transport';
import { simplifyFields } from '../common.descriptions';

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
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'perResource',
		options: [
			{ name: 'One Item per Service Resource', value: 'perResource' },
			{ name: 'One Item With All Service Resources', value: 'single' },
		],
	},
	...simplifyFields,
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
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
	const shaped = shapeOutput(
		response,
		getSimplifyOptions.call(this, itemIndex),
	) as unknown as IDataObject;
	if (this.getNodeParameter('output', itemIndex, 'perResource') === 'single')
		return toItems(shaped, itemIndex);
	return toItems((shaped.items as IDataObject[]) ?? [], itemIndex);
}
