import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../../helpers/interfaces';
import { getChild } from '../childList';
import { dialogRLC, simplifyFields } from '../common.descriptions';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Activity ID',
		name: 'activityId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
	},
	...simplifyFields,
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
): Promise<INodeExecutionData[]> {
	return await getChild.call(this, itemIndex, api, 'activities', 'activityId', 'Activity ID');
}
