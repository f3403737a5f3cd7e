import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listChildren } from '../childList';
import { dialogRLC } from '../common.descriptions';

export const apis = ['serviceowner'] as const;

const properties: INodeProperties[] = [dialogRLC];

export const description = updateDisplayOptions(
	{ show: { api: ['serviceowner'], resource: ['label'], operation: ['getServiceOwnerLabels'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listChildren(this, itemIndex, 'serviceowner', 'context/labels');
}
