import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listChildren } from '../childList';
import { dialogRLC } from '../common.descriptions';

export const properties: INodeProperties[] = [dialogRLC];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listChildren.call(this, itemIndex, 'enduser', 'context/labellog');
}
