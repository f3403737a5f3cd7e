import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { dialogRLC, revisionFields } from '../common.descriptions';
import { runDialogCommand } from './command';

export const properties: INodeProperties[] = [dialogRLC, ...revisionFields('dialog revision')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await runDialogCommand.call(this, itemIndex, 'POST', '/actions/restore', 'restored');
}
