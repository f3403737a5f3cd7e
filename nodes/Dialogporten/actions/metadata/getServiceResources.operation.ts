import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Schemas } from '../../helpers/interfaces';
import { getSimplifyOptions, shapeOutput, toItems } from '../../helpers/utils';
import { apiRequest } from '../../transport';
import { simplifyFields } from '../common.descriptions';

export const properties: INodeProperties[] = [
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
	const response = (await apiRequest.call(this, {
		api: 'metadata',
		method: 'GET',
		path: '/api/v1/metadata/serviceresources',
		itemIndex,
	})) as Schemas['V1MetadataServiceResourcesQueriesGet_ServiceResourceMetadata'];
	const shaped = shapeOutput(
		response,
		getSimplifyOptions.call(this, itemIndex),
	) as unknown as IDataObject;
	if (this.getNodeParameter('output', itemIndex, 'perResource') === 'single')
		return toItems(shaped, itemIndex);
	return toItems((shaped.items as IDataObject[]) ?? [], itemIndex);
}
