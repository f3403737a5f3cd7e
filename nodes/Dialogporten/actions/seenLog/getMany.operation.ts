import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DialogportenApi } from '../../helpers/interfaces';
import { listChildren } from '../childList';
import { dialogRLC } from '../common.descriptions';

const properties: INodeProperties[] = [dialogRLC];

export const description = updateDisplayOptions(
	{ show: { resource: ['seenLog'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
): Promise<INodeExecutionData[]> {
	return await listChildren(this, itemIndex, api, 'seenlog');
}
