import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { toItems } from '../../helpers/utils';
import { apiRequest } from '../../transport';

export const properties: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const response = (await apiRequest.call(this, {
		api: 'metadata',
		method: 'GET',
		path: '/api/v1/.well-known/oauth-authorization-server',
		itemIndex,
	})) as IDataObject;
	return toItems(response, itemIndex);
}
