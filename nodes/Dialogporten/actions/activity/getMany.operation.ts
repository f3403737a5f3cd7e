import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../../helpers/interfaces';
import { listChildren } from '../childList';
import { dialogRLC, simplifyFields } from '../common.descriptions';

export const properties: INodeProperties[] = [dialogRLC, ...simplifyFields];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
): Promise<INodeExecutionData[]> {
	return await listChildren.call(this, itemIndex, api, 'activities');
}
