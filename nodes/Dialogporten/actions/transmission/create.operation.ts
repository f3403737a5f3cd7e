import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { CreateTransmissionBody } from '../../helpers/interfaces';
import { createdIdOf, getDialogId, toItems, validator } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { transmissionBody } from './body';
import { transmissionProperties } from './fields';
import { writeWithRevision } from '../revisionCheckedWrite';
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
	const created = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'POST',
		path: '/transmissions',
		body,
	});
	return toItems(
		{ id: createdIdOf(created.body), dialogId, revision: created.revision },
		itemIndex,
	);
}
