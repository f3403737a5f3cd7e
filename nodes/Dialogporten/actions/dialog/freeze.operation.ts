import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dialogRLC, revisionFields } from '../common.descriptions';
import { runDialogCommand } from './command';

export const apis = ['serviceowner'] as const;

const properties: INodeProperties[] = [dialogRLC, ...revisionFields('dialog revision')];

export const description = updateDisplayOptions(
	{ show: { api: ['serviceowner'], resource: ['dialog'], operation: ['freeze'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await runDialogCommand(this, itemIndex, 'POST', '/actions/freeze', 'frozen');
}
