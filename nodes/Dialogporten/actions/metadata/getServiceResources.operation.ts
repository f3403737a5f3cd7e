import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Schemas } from '../../helpers/interfaces';
import { apiRequest } from '../../transport';
import { simplifyFields } from '../common.descriptions';
import { serviceResourceItems, serviceResourceOutputField } from '../serviceResource/output';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [serviceResourceOutputField, ...simplifyFields];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const response = (await apiRequest.call(this, {
		api: 'metadata',
		method: 'GET',
		path: '/api/v1/metadata/serviceresources',
		itemIndex,
	})) as Schemas['V1MetadataServiceResourcesQueriesGet_ServiceResourceMetadata'];
	return serviceResourceItems.call(this, response, itemIndex);
}
