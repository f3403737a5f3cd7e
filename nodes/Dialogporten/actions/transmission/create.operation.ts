import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { CreateTransmissionBody } from '../../helpers/interfaces';
import { getDialogId, validator } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { transmissionBody } from './body';
import { transmissionProperties } from './fields';
import { createDialogEntry } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	...transmissionProperties(true),
	...revisionFields('dialog revision'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const body = transmissionBody.call(
		this,
		itemIndex,
		check,
		true,
	) as unknown as CreateTransmissionBody;
	return await createDialogEntry.call(this, itemIndex, dialogId, '/transmissions', body);
}
