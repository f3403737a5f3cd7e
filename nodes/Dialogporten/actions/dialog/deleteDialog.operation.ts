import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dialogRLC, revisionFields } from '../common.descriptions';
import { runDialogCommand } from './command';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [dialogRLC, ...revisionFields('dialog revision')];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	return await runDialogCommand.call(this, itemIndex, 'DELETE', '', 'deleted');
}
