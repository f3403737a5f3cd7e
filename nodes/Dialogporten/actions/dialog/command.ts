import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { getDialogId, toItems } from '../../helpers/utils';
import { writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';

/** Runs a service-owner dialog command (delete, restore, purge, freeze) with the chosen If-Match. */
export async function runDialogCommand(
	this: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	path: string,
	outcome: string,
): OperationResult {
	const dialogId = getDialogId.call(this, itemIndex);
	const { revision } = await writeWithRevision.call(this, itemIndex, { dialogId, method, path });
	return toItems({ id: dialogId, revision, [outcome]: true }, itemIndex);
}
